import type { OrgKind, Role } from '@nuanxin/shared';
import { mapZh } from '../../components/map/i18n';
import { canteenServicesZh } from '../../features/canteen-services/i18n';
import { deliveriesZh } from '../../features/deliveries/i18n';
import { filesZh } from '../../features/files/i18n';
import { greenChannelZh } from '../../features/green-channel/i18n';
import { hubZh } from '../../features/hub/i18n';
import { mealsZh } from '../../features/meals/i18n';
import { parkingZh } from '../../features/parking/i18n';
import { stationMapZh } from '../../features/station-map/i18n';
import { wishesZh } from '../../features/wishes/i18n';
import { appealsZh } from './appeals';
import type { ConsoleDictionary } from './console';
import { errorsZh } from './errors';

const roles: Record<Role, string> = {
  worker: '骑手/司机',
  station_keeper: '驿站管理员',
  community_staff: '社区工作人员',
  department_handler: '职能部门承办人',
  dispatcher: '调度值班员',
  industry_committee_admin: '行业党委管理员',
  district_admin: '区委两新工委管理员',
  platform_liaison: '平台企业联络员',
  merchant: '商家',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '安全审计员',
};

const orgKinds: Record<OrgKind, string> = {
  district_org_dept: '区委两新工委',
  industry_party_committee: '行业党委',
  comprehensive_party_committee: '综合党委',
  party_branch: '党支部',
  joint_party_branch: '联合党支部',
  mobile_party_branch: '流动党支部',
  community: '社区',
  township: '镇街',
  government_department: '职能部门',
  mass_organisation: '群团组织',
  platform_company: '平台企业',
  enterprise: '企业',
  merchant: '商家',
  station_operator: '站点运营方',
};

export const zhCN = {
  common: {
    appName: '暖心',
    appNameLatin: 'Nuanxin',
    subtitle: '乐山市 新就业群体服务平台',
    mission: '让每一位外卖骑手、快递员、货车司机在乐山都有一个温暖的落脚处',
    loading: '加载中…',
    retry: '重试',
    cancel: '取消',
    ok: '确定',
    confirm: '确定',
    save: '保存',
    submit: '提交',
    search: '搜索',
    reset: '重置',
    actions: '操作',
    all: '全部',
    yes: '是',
    no: '否',
    close: '关闭',
    copy: '复制',
    copied: '已复制',
    comingSoon: '即将上线',
    empty: '暂无数据',
    signOut: '退出登录',
    language: '语言',
    requestId: '请求编号',
    loadFailed: '加载失败',
    never: '从未',
    partyMember: '党员',
    backHome: '返回首页',
    back: '返回',
    saved: '已保存',
  },
  errors: errorsZh,
  wishes: wishesZh,
  roles,
  orgKinds,
  appeals: appealsZh,
  greenChannel: greenChannelZh,
  files: filesZh,
  map: mapZh,
  stationMap: stationMapZh,
  hub: hubZh,
  parking: parkingZh,
  deliveries: deliveriesZh,
  meals: mealsZh,
  canteenServices: canteenServicesZh,
  landing: {
    console: '工作人员控制台',
    consoleDesc: '社区、职能部门、调度值班、行业党委和区委两新工委的工作人员在此办理业务',
    worker: '骑手 / 司机',
    workerDesc: '外卖骑手、快递员、货车司机、网约车司机：找驿站、反映诉求、参加志愿活动',
    enter: '进入',
    footer: '乐山市 市中区 · 沙湾区 新就业群体服务',
  },
  // The rest of `admin` is in console.ts (the console's chunk); these two are used outside it.
  admin: {
    header: { switchLanguage: '切换语言' },
    notFound: { title: '404', sub: '抱歉，您访问的页面不存在。' },
  },
  m: {
    login: {
      title: '骑手 / 司机登录',
      hint: '首次登录将自动创建账号',
      phone: '手机号',
      phonePlaceholder: '请输入 11 位手机号',
      code: '验证码',
      codePlaceholder: '6 位数字',
      send: '获取验证码',
      resend: '{{s}} 秒后重发',
      sent: '验证码已发送',
      submit: '登录',
      invalidPhone: '请输入正确的 11 位手机号',
      invalidCode: '请输入 6 位数字验证码',
      staffHint: '工作人员请前往',
    },
    tabs: { home: '首页', map: '地图', services: '办事', me: '我的' },
    home: {
      greeting: {
        morning: '早上好',
        noon: '中午好',
        afternoon: '下午好',
        evening: '晚上好',
      },
      hello: '{{greeting}}，{{name}}',
      slogan: '乐山暖心驿站，一路有我们',
      unread: '{{count}} 条未读消息',
      noUnread: '暂无未读消息',
      quick: '常用服务',
      entries: {
        stations: '附近驿站',
        appeal: '我要反映',
        wish: '心愿箱',
        volunteer: '志愿活动',
      },
      pending: '{{count}} 条待发送',
    },
    soon: {
      stations: '附近驿站：按距离查看驿站、暖心之家床位、停车位和人民食堂，实时显示空余容量。',
      appeal: '我要反映：遇到困难或不公，可在此提交诉求，全程跟踪办理进度，办结后回访。',
      wish: '心愿箱：写下您的小心愿，社区和志愿者帮您实现。',
      volunteer: '志愿活动：报名参加社区志愿活动，累计服务时长和积分。',
      notice: '该功能正在建设中，上线后会在首页通知您。',
    },
    services: {
      title: '办事',
      desc: '将提供诉求反映、随手拍、心愿箱、需求认领、志愿报名和积分兑换等服务，提交的内容在没有网络时会先保存，联网后自动发送。',
    },
    me: {
      title: '我的',
      name: '姓名',
      editName: '修改姓名',
      namePlaceholder: '请输入姓名',
      nameSaved: '姓名已保存',
      phone: '手机号',
      identity: '身份',
      worker: '新就业群体',
      language: '语言 / Language',
      queue: '离线待发送',
      queueEmpty: '没有待发送的内容',
      queueCount: '{{count}} 条待发送',
      queueFlush: '立即发送',
      online: '网络正常',
      offline: '当前离线',
      signOutConfirm: '确定退出登录？',
      version: '暖心 Nuanxin',
    },
  },
};

/**
 * The whole Chinese dictionary: this file (the worker app, the public pages, what both faces use)
 * and the console's part in console.ts, merged in when the console opens. The English one
 * (i18n/en) has the same shape in one chunk.
 */
export type Dictionary = typeof zhCN & ConsoleDictionary;
