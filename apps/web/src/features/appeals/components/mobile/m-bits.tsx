import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { AppealState } from '../../api/types';

const M_STATE_COLOR: Record<AppealState, string> = {
  submitted: 'primary',
  accepted: 'primary',
  dispatched: 'primary',
  returned: 'primary',
  handling: 'warning',
  resolved: '#13a8a8',
  visited: 'success',
  closed: 'success',
  refused: 'default',
  terminated: 'default',
  duplicate: 'default',
};

/** State in words a reporter understands (不暴露内部流转). */
export function MStateTag({ state }: { state: AppealState }) {
  const { t } = useTranslation();
  return (
    <Tag color={M_STATE_COLOR[state]} fill={state === 'resolved' ? 'solid' : 'outline'} round>
      {t(`appeals.mstate.${state}`)}
    </Tag>
  );
}
