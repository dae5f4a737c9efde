// The guides show the release and the namespace as `demo`. A scenario run keeps the release
// `demo` and has a namespace of its own; this is the one place that puts that namespace into the
// commands the guide shows (the reports' output is normalised back in labs/blocks/normalise.ts).

/** The release and namespace name of every guide. */
export const GUIDE_NAME = 'demo';

/** `demo` where it names a namespace: after -n, --namespace or `kubectl … namespace`. */
const GUIDE_NAMESPACE = new RegExp(`(\\s(?:-n|--namespace)[\\s=]+|\\bnamespaces?\\s+)${GUIDE_NAME}(?![\\w.-])`, 'g');

/** The command a guide shows, as it runs in `namespace`. */
export function commandForRun(guideText: string, namespace: string): string {
  return guideText.replace(GUIDE_NAMESPACE, `$1${namespace}`);
}
