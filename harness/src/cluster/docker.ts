// Whether a Docker engine answers: what decides between kind and the local provider.
import { execa } from 'execa';

/** Not merely whether the docker client is installed: the engine must answer `docker info`. */
export async function dockerEngineAnswers(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  // The provider's environment, not only this process's: its PATH decides which docker answers.
  const result = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], {
    reject: false,
    timeout: 10_000,
    env,
    extendEnv: false,
  });
  return result.exitCode === 0 && result.stdout.trim() !== '';
}
