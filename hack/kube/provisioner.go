package main

// local-volume-provisioner gives the local cluster a default StorageClass that binds PVCs: for each
// pending claim of its class it makes a directory on the node and a hostPath PersistentVolume
// pre-bound to the claim; when a claim is deleted it removes the directory and the volume.
//
// Kubernetes' built-in hostpath provisioner makes directories with mode 0750 owned by root, which
// pods running as non-root (the restricted Pod Security Standard) cannot write to; this one makes
// them 0777.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
)

const provisionerName = "demo-hooks.local/hostpath"

type provisioner struct {
	client  kubernetes.Interface
	baseDir string
}

func newProvisionerCommand() *cobra.Command {
	var kubeconfig, baseDir string
	cmd := &cobra.Command{
		Use:   "local-volume-provisioner",
		Short: "Binds PVCs of the " + provisionerName + " StorageClass to hostPath volumes",
		RunE: func(cmd *cobra.Command, _ []string) error {
			config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(baseDir, 0o755); err != nil {
				return err
			}
			p := &provisioner{client: kubernetes.NewForConfigOrDie(config), baseDir: baseDir}
			return p.run(cmd.Context())
		},
	}
	cmd.Flags().StringVar(&kubeconfig, "kubeconfig", "", "kubeconfig of the cluster")
	cmd.Flags().StringVar(&baseDir, "base-dir", "", "directory under which volumes are made")
	_ = cmd.MarkFlagRequired("kubeconfig")
	_ = cmd.MarkFlagRequired("base-dir")
	return cmd
}

func (p *provisioner) run(ctx context.Context) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// The resync retries claims whose volume could not be made on the first try.
	factory := informers.NewSharedInformerFactory(p.client, 30*time.Second)
	claims := factory.Core().V1().PersistentVolumeClaims().Informer()
	volumes := factory.Core().V1().PersistentVolumes().Informer()
	onClaim := func(obj interface{}) {
		if pvc, ok := obj.(*corev1.PersistentVolumeClaim); ok {
			p.provision(ctx, pvc)
		}
	}
	onVolume := func(obj interface{}) {
		if pv, ok := obj.(*corev1.PersistentVolume); ok {
			p.reclaim(ctx, pv)
		}
	}
	if _, err := claims.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: onClaim, UpdateFunc: func(_, obj interface{}) { onClaim(obj) },
	}); err != nil {
		return err
	}
	if _, err := volumes.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: onVolume, UpdateFunc: func(_, obj interface{}) { onVolume(obj) },
	}); err != nil {
		return err
	}
	klog.Infof("provisioning %s volumes under %s", provisionerName, p.baseDir)
	factory.Start(ctx.Done())
	<-ctx.Done()
	return nil
}

func (p *provisioner) wantsVolume(ctx context.Context, pvc *corev1.PersistentVolumeClaim) bool {
	if pvc.Spec.VolumeName != "" || pvc.Status.Phase != corev1.ClaimPending || pvc.DeletionTimestamp != nil {
		return false
	}
	if pvc.Spec.StorageClassName == nil || *pvc.Spec.StorageClassName == "" {
		return false
	}
	class, err := p.client.StorageV1().StorageClasses().Get(ctx, *pvc.Spec.StorageClassName, metav1.GetOptions{})
	return err == nil && class.Provisioner == provisionerName
}

func (p *provisioner) provision(ctx context.Context, pvc *corev1.PersistentVolumeClaim) {
	if !p.wantsVolume(ctx, pvc) {
		return
	}
	name := "pvc-" + string(pvc.UID)
	dir := filepath.Join(p.baseDir, fmt.Sprintf("%s-%s-%s", pvc.Namespace, pvc.Name, string(pvc.UID)[:8]))
	if err := os.MkdirAll(dir, 0o777); err != nil {
		klog.Errorf("making %s: %v", dir, err)
		return
	}
	// MkdirAll's mode is filtered by the umask; pods running as any user must be able to write.
	if err := os.Chmod(dir, 0o777); err != nil {
		klog.Errorf("chmod %s: %v", dir, err)
		return
	}
	pv := &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Annotations: map[string]string{"pv.kubernetes.io/provisioned-by": provisionerName},
		},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: pvc.Spec.Resources.Requests[corev1.ResourceStorage]},
			AccessModes:                   pvc.Spec.AccessModes,
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimDelete,
			StorageClassName:              *pvc.Spec.StorageClassName,
			VolumeMode:                    pvc.Spec.VolumeMode,
			ClaimRef: &corev1.ObjectReference{
				Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: pvc.Namespace, Name: pvc.Name, UID: pvc.UID,
			},
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				HostPath: &corev1.HostPathVolumeSource{Path: dir},
			},
		},
	}
	_, err := p.client.CoreV1().PersistentVolumes().Create(ctx, pv, metav1.CreateOptions{})
	switch {
	case err == nil:
		klog.Infof("made %s at %s for %s/%s", name, dir, pvc.Namespace, pvc.Name)
	case apierrors.IsAlreadyExists(err):
	default:
		klog.Errorf("creating %s: %v", name, err)
	}
}

func (p *provisioner) reclaim(ctx context.Context, pv *corev1.PersistentVolume) {
	if pv.Annotations["pv.kubernetes.io/provisioned-by"] != provisionerName ||
		pv.Status.Phase != corev1.VolumeReleased ||
		pv.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimDelete ||
		pv.Spec.HostPath == nil {
		return
	}
	dir := filepath.Clean(pv.Spec.HostPath.Path)
	// Never remove anything outside the directory this provisioner owns.
	if !strings.HasPrefix(dir, filepath.Clean(p.baseDir)+string(os.PathSeparator)) {
		klog.Errorf("%s points outside %s (%s); leaving it", pv.Name, p.baseDir, dir)
		return
	}
	if err := os.RemoveAll(dir); err != nil {
		klog.Errorf("removing %s: %v", dir, err)
		return
	}
	err := p.client.CoreV1().PersistentVolumes().Delete(ctx, pv.Name, metav1.DeleteOptions{})
	if err != nil && !apierrors.IsNotFound(err) {
		klog.Errorf("deleting %s: %v", pv.Name, err)
		return
	}
	klog.Infof("removed %s and %s", pv.Name, dir)
}
