// Command coredns is upstream CoreDNS with only the plugins its two Corefiles use:
// cluster/local/config/Corefile (the local provider), and kubeadm's default Corefile, which the
// kind node image of hack/kind-node runs with this same binary (k8s.io/kubernetes,
// cmd/kubeadm/app/phases/addons/dns/manifests.go: it adds prometheus, forward, reload and
// loadbalance). Upstream's main imports core/plugin, which links every plugin (cloud DNS clients,
// geoip, etcd, ...), about half the packages of a build that is otherwise the same.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	// One package per directive below (plugin/metrics is prometheus); each registers its plugin in
	// its init.
	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/forward"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/loop"
	_ "github.com/coredns/coredns/plugin/metrics"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/reload"
)

// directives is upstream's dnsserver.Directives (core/dnsserver/zdirectives.go at the pinned
// version, generated from its plugin.cfg) less the plugins we do not build. Its order is the order
// of the plugin chain for every query, so keep upstream's when adding one. A Corefile that names a
// directive missing here fails with "unknown directive" instead of parsing and then failing for a
// plugin that was never linked in. Some plugins are linked as others' dependencies and registered
// without being listed here (metadata, transfer, debug, dnstap): a Corefile cannot use them.
var directives = []string{
	"reload",
	"bind",
	"ready",
	"health",
	"prometheus",
	"errors",
	"loadbalance",
	"cache",
	"kubernetes",
	"loop",
	"forward",
}

// dnsserver reads Directives when the Corefile is parsed, after every init has run.
func init() { dnsserver.Directives = directives }

func main() { coremain.Run() }
