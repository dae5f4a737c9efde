// Command kube is one binary holding the Kubernetes components the local
// provider runs, and kubeadm for the kind node image (hack/kind-node). It is built from the upstream Go modules at the pinned
// version; one multi-call binary compiles the shared dependency tree once
// instead of six times.
//
// Call it through a link named after the component (kube-apiserver, kubelet,
// ...) or as `kube COMPONENT ARGS...`.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	kubectl "k8s.io/kubectl/pkg/cmd"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	proxy "k8s.io/kubernetes/cmd/kube-proxy/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
	kubeadm "k8s.io/kubernetes/cmd/kubeadm/app"
	kubeadmerrors "k8s.io/kubernetes/cmd/kubeadm/app/util/errors"
	kubelet "k8s.io/kubernetes/cmd/kubelet/app"
	_ "time/tzdata"
)

var components = map[string]func() *cobra.Command{
	"kube-apiserver":           apiserver.NewAPIServerCommand,
	"kube-controller-manager":  controllermanager.NewControllerManagerCommand,
	"kube-scheduler":           func() *cobra.Command { return scheduler.NewSchedulerCommand() },
	"kube-proxy":               proxy.NewProxyCommand,
	"kubelet":                  func() *cobra.Command { return kubelet.NewKubeletCommand(context.Background()) },
	"kubectl":                  kubectl.NewDefaultKubectlCommand,
	"local-volume-provisioner": newProvisionerCommand,
}

// kubeadm sets up its own flags and error handling in app.Run, as its upstream main calls it.
const kubeadmName = "kubeadm"

func main() {
	name := filepath.Base(os.Args[0])
	if _, ok := components[name]; !ok && name != kubeadmName && len(os.Args) > 1 {
		name = os.Args[1]
		os.Args = os.Args[1:]
	}
	if name == kubeadmName {
		kubeadmerrors.HandleError(kubeadm.Run())
		return
	}
	newCommand, ok := components[name]
	if !ok {
		known := []string{kubeadmName}
		for k := range components {
			known = append(known, k)
		}
		sort.Strings(known)
		fmt.Fprintf(os.Stderr, "usage: kube COMPONENT [ARGS...]\ncomponents: %v\n", known)
		os.Exit(2)
	}
	os.Exit(cli.Run(newCommand()))
}
