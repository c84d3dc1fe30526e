import {
  Button,
  Card,
  DotLoading,
  ErrorBlock,
  NavBar,
  Selector,
  Steps,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../i18n';
import { MobilePhotoGrid } from '../../../files/mobile-photos';
import { isConflict, useAppeal, useAppealAction } from '../../api/appeals';
import { type AppealDetail, SATISFACTIONS } from '../../api/types';
import { MStateTag } from './m-bits';

type Answer = (typeof SATISFACTIONS)[number];
const card = { borderRadius: 14, margin: '12px 12px 0' } as const;

/** 评价: the reporter's own return visit (APL-06); 不满意 sends the case back for 重办. */
function RateCard({ appeal }: { appeal: AppealDetail }) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [comment, setComment] = useState('');
  const action = useAppealAction(appeal.id);
  const submit = () => {
    if (!answer) return;
    action.mutate(
      { action: 'visit', body: { satisfaction: answer, comment: comment.trim() || undefined } },
      {
        onSuccess: () => {
          Toast.show({ icon: 'success', content: t('appeals.m.rated') });
          setAnswer(null);
          setComment('');
        },
        onError: (err) =>
          Toast.show({ icon: 'fail', content: isConflict(err) ? t('appeals.conflict') : errorText(err) }),
      },
    );
  };
  return (
    <Card style={{ ...card, border: '1px solid #ffbb96' }} title={t('appeals.m.rateTitle')}>
      <div style={{ fontSize: 13, color: '#8c6d60', marginBottom: 10 }}>{t('appeals.m.rateHint')}</div>
      <Selector<Answer>
        aria-label={t('appeals.form.satisfaction')}
        columns={3}
        value={answer ? [answer] : []}
        onChange={(v) => setAnswer(v[0] ?? null)}
        options={SATISFACTIONS.map((s) => ({ label: t(`appeals.satisfaction.${s}`), value: s }))}
      />
      <div style={{ marginTop: 12, background: '#fafafa', borderRadius: 8, padding: 8 }}>
        <label
          htmlFor="appeal-rate-comment"
          style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
        >
          {t('appeals.form.comment')}
        </label>
        <TextArea
          id="appeal-rate-comment"
          placeholder={
            answer === 'unsatisfied'
              ? t('appeals.m.unsatisfiedPlaceholder')
              : t('appeals.m.commentPlaceholder')
          }
          value={comment}
          onChange={setComment}
          maxLength={1000}
          autoSize={{ minRows: 2, maxRows: 5 }}
        />
      </div>
      <Button
        block
        color="primary"
        shape="rounded"
        size="large"
        disabled={!answer}
        loading={action.isPending}
        onClick={submit}
        style={{ marginTop: 12 }}
      >
        {t('appeals.m.rateSubmit')}
      </Button>
    </Card>
  );
}

/** 诉求详情 for the reporter: the public steps, the reply and the rating. */
export function MobileAppealCasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const appeal = useAppeal(id);
  const back = () => navigate('/m/appeals');

  if (appeal.isLoading)
    return (
      <>
        <NavBar onBack={back} style={{ background: '#fff' }}>
          {t('appeals.m.caseTitle')}
        </NavBar>
        <div style={{ textAlign: 'center', padding: 40, color: '#d4380d' }}>
          <DotLoading color="primary" />
        </div>
      </>
    );
  if (appeal.error || !appeal.data)
    return (
      <>
        <NavBar onBack={back} style={{ background: '#fff' }}>
          {t('appeals.m.caseTitle')}
        </NavBar>
        <ErrorBlock status="default" title={t('common.loadFailed')} description={errorText(appeal.error)}>
          <Button color="primary" onClick={() => void appeal.refetch()}>
            {t('common.retry')}
          </Button>
        </ErrorBlock>
      </>
    );
  const a = appeal.data;
  const events = a.timeline.filter((e) => e.public);
  return (
    <>
      <NavBar onBack={back} style={{ background: '#fff' }}>
        {t('appeals.m.caseTitle')}
      </NavBar>
      <Card style={card}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <span style={{ fontSize: 17, fontWeight: 600 }}>{a.categoryName}</span>
          <MStateTag state={a.state} />
        </div>
        <div style={{ fontSize: 12, color: '#8c6d60', marginTop: 4, fontVariantNumeric: 'tabular-nums' }}>
          {a.caseNo} · {t(`appeals.type.${a.type}`)} · {dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')}
        </div>
        <div style={{ marginTop: 10, whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.6 }}>
          {a.description}
        </div>
        {a.photos.length ? (
          <div style={{ marginTop: 12 }}>
            <MobilePhotoGrid photos={a.photos} />
          </div>
        ) : null}
        <div style={{ marginTop: 10, display: 'flex', gap: 6, flexWrap: 'wrap' }}>
          <Tag fill="outline">{a.regionName}</Tag>
          <Tag fill="outline">{t(`appeals.privacy.${a.privacy}`)}</Tag>
          {a.following && !a.isReporter ? <Tag color="primary">{t('appeals.m.following')}</Tag> : null}
          {a.reopenCount > 0 ? (
            <Tag color="warning">{t('appeals.m.reopened', { count: a.reopenCount })}</Tag>
          ) : null}
        </div>
        {a.leadUnitName ? (
          <div style={{ marginTop: 10, fontSize: 13, color: '#5c4033' }}>
            {t('appeals.m.handledBy', { unit: a.leadUnitName })}
            {a.dueAt && ['dispatched', 'returned', 'handling'].includes(a.state)
              ? ` · ${t('appeals.m.dueBy', { at: dayjs(a.dueAt).format('MM-DD HH:mm') })}`
              : ''}
          </div>
        ) : null}
      </Card>
      {a.reply ? (
        <Card
          style={{ ...card, background: '#f6ffed', border: '1px solid #b7eb8f' }}
          title={t('appeals.m.reply')}
        >
          <div style={{ whiteSpace: 'pre-wrap', fontSize: 15, lineHeight: 1.6 }}>{a.reply}</div>
          {a.resolvedAt ? (
            <div style={{ fontSize: 12, color: '#8c6d60', marginTop: 6 }}>
              {dayjs(a.resolvedAt).format('YYYY-MM-DD HH:mm')}
            </div>
          ) : null}
        </Card>
      ) : null}
      {a.actions.visit ? <RateCard appeal={a} /> : null}
      <Card style={card} title={t('appeals.m.progress')}>
        {events.length ? (
          <Steps direction="vertical" current={events.length - 1}>
            {[...events].reverse().map((e, i) => (
              <Steps.Step
                key={e.id}
                status={i === 0 ? 'process' : 'finish'}
                title={t(`appeals.event.${e.action}`, { defaultValue: e.actionLabel || e.action })}
                description={
                  <div>
                    <div>{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</div>
                    {e.note ? <div style={{ color: '#2b1710', whiteSpace: 'pre-wrap' }}>{e.note}</div> : null}
                  </div>
                }
              />
            ))}
          </Steps>
        ) : (
          <div style={{ color: '#8c6d60' }}>{t('appeals.case.noEvents')}</div>
        )}
      </Card>
      <div style={{ height: 24 }} />
    </>
  );
}
