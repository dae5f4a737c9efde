// Command etcd is the upstream etcd server, built from its Go module at the
// pinned version (the etcd repository's own main module cannot be installed
// with `go install` because of its replace directives).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
