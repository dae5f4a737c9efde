// A plain GET to the API server with the kubeconfig's credentials and TLS, for what the generated
// clients cannot do: follow a stream and abort it cleanly, or give up on an answer at a deadline.
import http from 'node:http';
import https from 'node:https';
import type { Kube } from './client.js';

/** The API server a Kube talks to, as its kubeconfig names it. */
export function apiServer(kube: Kube): string {
  return kube.config.getCurrentCluster()?.server ?? '(the kubeconfig names no cluster)';
}

/** Starts GET path (with its query) and hands the response on; resolves with the request, to destroy it. */
export async function apiGet(
  kube: Kube,
  pathAndQuery: string,
  onResponse: (response: http.IncomingMessage) => void,
  onError: (err: Error) => void,
): Promise<http.ClientRequest> {
  const server = kube.config.getCurrentCluster()?.server;
  if (!server) throw new Error('the kubeconfig names no cluster');
  const url = new URL(pathAndQuery, server);
  const options: https.RequestOptions = { method: 'GET', headers: {} };
  await kube.config.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? http.request : https.request;
  const request = send(url, options, onResponse);
  request.on('error', onError);
  request.end();
  return request;
}
