import {
  Button,
  Card,
  Form,
  Input,
  NavBar,
  Result,
  Selector,
  Steps,
  Switch,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../i18n';
import { newIdempotencyKey } from '../../lib/idempotency';
import { useCreateWish, useWishBox, useWishBoxes, useWishes, WISH_STATES, type Wish } from './api';

/** 心愿箱: drop a wish, from a box's QR link (`/m/wish?box=<id>`) or by picking a box. */
export function WishPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const fromLink = params.get('box');
  const linked = useWishBox(fromLink);
  const boxes = useWishBoxes();
  const [boxId, setBoxId] = useState<string | null>(fromLink);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [phone, setPhone] = useState('');
  const [key] = useState(newIdempotencyKey);
  const create = useCreateWish();
  const [sent, setSent] = useState(false);

  const submit = () => {
    if (!boxId || text.trim().length < 2) return;
    create.mutate(
      {
        key,
        body: {
          boxId,
          text: text.trim(),
          anonymous,
          ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
        },
      },
      {
        onSuccess: () => setSent(true),
        onError: (e) => Toast.show({ content: errorText(e) }),
      },
    );
  };

  if (sent)
    return (
      <div>
        <NavBar onBack={() => navigate('/m')}>{t('wishes.m.title')}</NavBar>
        <Result status="success" title={t('wishes.m.sent')} />
        <div style={{ padding: 16 }}>
          <Link to="/m/wish/mine">
            <Button block color="primary">
              {t('wishes.m.mine')}
            </Button>
          </Link>
        </div>
      </div>
    );

  return (
    <div>
      <NavBar onBack={() => navigate('/m')} right={<Link to="/m/wish/mine">{t('wishes.m.mine')}</Link>}>
        {t('wishes.m.title')}
      </NavBar>
      <div style={{ padding: '12px 12px 0', color: '#6b4a3a', fontSize: 14 }}>{t('wishes.m.intro')}</div>
      <Form
        layout="vertical"
        footer={
          <Button
            block
            color="primary"
            size="large"
            loading={create.isPending}
            disabled={!boxId || text.trim().length < 2}
            onClick={submit}
          >
            {t('wishes.m.submit')}
          </Button>
        }
      >
        {fromLink && linked.data ? (
          <Form.Item label={t('wishes.box')}>
            <div data-testid="wish-box-name" style={{ fontWeight: 600 }}>
              {linked.data.name}
            </div>
            <div style={{ fontSize: 12, color: '#999' }}>{linked.data.location}</div>
          </Form.Item>
        ) : (
          <Form.Item label={t('wishes.m.pickBox')}>
            <Selector
              columns={1}
              options={(boxes.data ?? []).map((b) => ({ label: b.name, value: b.id }))}
              value={boxId ? [boxId] : []}
              onChange={(v) => setBoxId(v[0] ?? null)}
            />
          </Form.Item>
        )}
        <Form.Item label={t('wishes.text')}>
          <TextArea
            aria-label={t('wishes.text')}
            placeholder={t('wishes.m.placeholder')}
            value={text}
            onChange={setText}
            rows={4}
            maxLength={1000}
            showCount
          />
        </Form.Item>
        <Form.Item label={t('wishes.m.anonymous')}>
          <Switch checked={anonymous} onChange={setAnonymous} />
        </Form.Item>
        <Form.Item label={t('wishes.m.contactPhone')}>
          <Input type="tel" value={phone} onChange={setPhone} maxLength={11} />
        </Form.Item>
      </Form>
    </div>
  );
}

function WishCard({ w }: { w: Wish }) {
  const { t } = useTranslation();
  const step = WISH_STATES.indexOf(w.state);
  return (
    <Card style={{ borderRadius: 12 }} title={w.boxName ?? w.regionName ?? ''} data-testid="my-wish">
      <div style={{ fontSize: 15, marginBottom: 8 }}>{w.text}</div>
      <Steps current={step} style={{ '--title-font-size': '11px' } as React.CSSProperties}>
        {WISH_STATES.map((s) => (
          <Steps.Step key={s} title={t(`wishes.state.${s}`)} />
        ))}
      </Steps>
      {w.categoryName ? <Tag color="primary">{w.categoryName}</Tag> : null}{' '}
      {w.convertedCaseNo ? (
        <Tag color="warning">{t('wishes.converted', { caseNo: w.convertedCaseNo })}</Tag>
      ) : null}
      {w.feedback ? (
        <div
          data-testid="wish-feedback"
          style={{ marginTop: 8, background: '#fff7f0', padding: 10, borderRadius: 8, fontSize: 14 }}
        >
          <b>{t('wishes.m.feedbackFrom')}：</b>
          {w.feedback}
        </div>
      ) : (
        <div style={{ marginTop: 8, color: '#999', fontSize: 13 }}>{t('wishes.m.waiting')}</div>
      )}
    </Card>
  );
}

/** 我的心愿, with the feedback. */
export function MyWishesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mine = useWishes({ mine: true });
  return (
    <div>
      <NavBar onBack={() => navigate('/m/wish')}>{t('wishes.m.mine')}</NavBar>
      <div style={{ padding: 12, display: 'flex', flexDirection: 'column', gap: 12 }}>
        {mine.data && mine.data.items.length === 0 ? (
          <Result status="info" title={t('wishes.m.none')} />
        ) : null}
        {(mine.data?.items ?? []).map((w) => (
          <WishCard key={w.id} w={w} />
        ))}
      </div>
    </div>
  );
}
