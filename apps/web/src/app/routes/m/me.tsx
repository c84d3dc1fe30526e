import { Button, Dialog, Input, List, NavBar, Selector, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../../features/auth/api/get-me';
import { useSignOut } from '../../../features/auth/api/sign-in';
import { useUpdateMe } from '../../../features/auth/api/update-me';
import { errorText, type Lang, setLang } from '../../../i18n';
import { offlineQueue, useOfflineQueueCount, useOnline } from '../../../lib/offline-queue.browser';

/** 我的: profile (editable name), masked phone, Party-member tag, language, offline queue, sign out. */
export function MeRoute() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const update = useUpdateMe();
  const signOut = useSignOut();
  const pending = useOfflineQueueCount();
  const online = useOnline();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  if (!me) return null;

  const saveName = () => {
    const v = name.trim();
    if (!v) return;
    update.mutate(
      { name: v },
      {
        onSuccess: () => {
          setEditing(false);
          Toast.show({ icon: 'success', content: t('m.me.nameSaved') });
        },
        onError: (err) => Toast.show({ icon: 'fail', content: errorText(err) }),
      },
    );
  };

  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>
        {t('m.me.title')}
      </NavBar>
      <div style={{ padding: '16px 16px 8px', display: 'flex', alignItems: 'center', gap: 14 }}>
        <div
          aria-hidden="true"
          style={{
            width: 56,
            height: 56,
            borderRadius: 28,
            background: '#d4380d',
            color: '#fff',
            fontSize: 24,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
          }}
        >
          {me.user.name.slice(0, 1)}
        </div>
        <div>
          <div style={{ fontSize: 20, fontWeight: 600 }}>{me.user.name}</div>
          <div style={{ marginTop: 4, display: 'flex', gap: 6 }}>
            <Tag color="primary" fill="outline">
              {t('m.me.worker')}
            </Tag>
            {me.user.isPartyMember ? <Tag color="danger">{t('common.partyMember')}</Tag> : null}
          </div>
        </div>
      </div>
      <List mode="card" header={t('m.me.title')}>
        <List.Item
          extra={me.user.name}
          clickable
          onClick={() => {
            setName(me.user.name);
            setEditing(true);
          }}
          aria-label={t('m.me.editName')}
        >
          {t('m.me.name')}
        </List.Item>
        <List.Item extra={<span style={{ fontVariantNumeric: 'tabular-nums' }}>{me.user.phoneMasked}</span>}>
          {t('m.me.phone')}
        </List.Item>
      </List>
      <List mode="card">
        <List.Item
          clickable
          onClick={() => navigate('/m/visits')}
          description={t('stationMap.visits.entryDesc')}
        >
          {t('stationMap.visits.entry')}
        </List.Item>
      </List>
      <List mode="card" header={t('m.me.language')}>
        <List.Item>
          <Selector<Lang>
            aria-label={t('m.me.language')}
            columns={2}
            value={[i18n.language === 'en' ? 'en' : 'zh-CN']}
            onChange={(v) => v[0] && setLang(v[0])}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'English', value: 'en' },
            ]}
          />
        </List.Item>
      </List>
      <List mode="card" header={t('m.me.queue')}>
        <List.Item
          extra={
            pending > 0 ? (
              <Button
                size="mini"
                color="primary"
                fill="outline"
                disabled={!online}
                onClick={() => void offlineQueue.flush()}
              >
                {t('m.me.queueFlush')}
              </Button>
            ) : null
          }
          description={online ? t('m.me.online') : t('m.me.offline')}
        >
          {pending > 0 ? t('m.me.queueCount', { count: pending }) : t('m.me.queueEmpty')}
        </List.Item>
      </List>
      <div style={{ padding: '8px 12px 24px' }}>
        <Button
          block
          size="large"
          shape="rounded"
          color="danger"
          fill="outline"
          onClick={async () => {
            const ok = await Dialog.confirm({
              content: t('m.me.signOutConfirm'),
              confirmText: t('common.confirm'),
              cancelText: t('common.cancel'),
            });
            if (ok) signOut.mutate(undefined, { onSettled: () => navigate('/m/login', { replace: true }) });
          }}
        >
          {t('common.signOut')}
        </Button>
        <div style={{ textAlign: 'center', color: '#b8a097', fontSize: 12, marginTop: 16 }}>
          {t('m.me.version')}
        </div>
      </div>
      <Dialog
        visible={editing}
        title={t('m.me.editName')}
        content={
          <Input
            aria-label={t('m.me.name')}
            placeholder={t('m.me.namePlaceholder')}
            value={name}
            onChange={setName}
            maxLength={40}
            clearable
            autoFocus
            style={{ borderBottom: '1px solid #eee', padding: '6px 0' }}
          />
        }
        closeOnAction={false}
        onClose={() => setEditing(false)}
        actions={[
          [
            { key: 'cancel', text: t('common.cancel'), onClick: () => setEditing(false) },
            {
              key: 'save',
              text: t('common.save'),
              bold: true,
              disabled: !name.trim() || update.isPending,
              onClick: saveName,
            },
          ],
        ]}
      />
    </>
  );
}
