// Whether a cluster answers, for every provider's isUp().
import { checkReachable, connectKube } from '../kube/client.js';

/** True when the API server behind a kubeconfig answers (the harness's own reachability check). */
export async function kubeconfigAnswers(kubeconfig: string): Promise<boolean> {
  try {
    return (await checkReachable(connectKube(kubeconfig), 5_000)).ok;
  } catch {
    return false; // no kubeconfig, or one that does not parse
  }
}
