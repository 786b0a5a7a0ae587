/** Reads an experiment from the page's URL fragment (once, at start) into the store. */
import { decodeExperiment, payloadFromHash } from '../../experiment/shareLink';
import { useAppStore } from '../../store/runStore';

export function openSharedLinkFromLocation(): void {
  const hash = window.location.hash;
  if (payloadFromHash(hash) === null && !hash.startsWith('#x=')) return;
  const decoded = decodeExperiment(hash);
  const store = useAppStore.getState();
  if (!decoded.ok) {
    store.loadExperimentError(decoded.error);
    return;
  }
  const { experiment, problems } = decoded;
  store.loadExperiment(experiment, { error: null, problems, runs: experiment.runs.length, dataset: experiment.dataset });
}
