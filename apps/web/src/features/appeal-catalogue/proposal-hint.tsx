import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { type DispatchProposal, useDispatchProposal } from './api';

/** The proposal as one line of text. */
export function proposalText(t: TFunction, p: DispatchProposal): string {
  if (!p.unit) return t('appealCatalogue.proposal.none');
  return p.inherited
    ? t('appealCatalogue.proposal.suggestedInherited', { unit: p.unit.name })
    : t('appealCatalogue.proposal.suggested', { unit: p.unit.name });
}

/**
 * What the dispatch catalogue proposes for the category and region chosen on an intake form:
 * the default lead unit, or that the case must be dispatched by hand.
 */
export function DispatchProposalHint({
  categoryId,
  regionCode,
}: {
  categoryId: string | undefined;
  regionCode: string | undefined;
}) {
  const { t } = useTranslation();
  const proposal = useDispatchProposal(categoryId, regionCode);
  if (!categoryId || !regionCode || !proposal.data) return null;
  return (
    <Alert
      data-testid="dispatch-proposal"
      role="status"
      type={proposal.data.unit ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      title={proposalText(t, proposal.data)}
    />
  );
}
