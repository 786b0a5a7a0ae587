/** What each export of a run is for, and how to run the ONNX model and the PyTorch export outside Pretext. */
import { useTranslation } from 'react-i18next';
import { ONNX_RUN_COMMAND, PYTORCH_RUN_COMMAND } from '../../export/exportCommands';

export function ExportHelp() {
  const { t } = useTranslation();
  return (
    <details className="export-help" data-testid="export-help">
      <summary>{t('compare.results.exportHelp.summary')}</summary>
      <ul>
        <li>{t('compare.results.exportHelp.metrics')}</li>
        <li>{t('compare.results.exportHelp.projector')}</li>
        <li>{t('compare.results.exportHelp.model')}</li>
        <li>
          {t('compare.results.exportHelp.onnx')}
          <pre lang="en" translate="no"><code>{ONNX_RUN_COMMAND}</code></pre>
        </li>
        <li>
          {t('compare.results.exportHelp.pytorch')}
          <pre lang="en" translate="no"><code>{PYTORCH_RUN_COMMAND}</code></pre>
        </li>
      </ul>
    </details>
  );
}
