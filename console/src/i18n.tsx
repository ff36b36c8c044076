import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

/** The console's own words, in both languages; Ant Design's components bring theirs (antd/locale). */
const MESSAGES = {
  en: {
    title: 'Civic safety graph',
    signIn: 'Sign in',
    signOut: 'Sign out',
    developmentSignIn: 'Development sign-in',
    developmentNote: 'The gateway signs a development token for the department, role and jurisdiction you pick. Never available in production.',
    oidcSignIn: 'Sign in with the city identity provider',
    department: 'Department',
    role: 'Role',
    jurisdiction: 'Jurisdiction',
    wholeCity: 'Whole city (no jurisdiction)',
    purpose: 'Purpose',
    noPurpose: 'None stated',
    matrix: 'Who sees what',
    preview: 'Preview as a department',
    field: 'Field',
    classification: 'Classification',
    owner: 'Owner',
    policyVersion: 'Policy version',
    filterDepartments: 'Departments to show',
    filterField: 'Filter fields',
    byDepartment: 'One department',
    canSee: 'Can see',
    cannotSee: 'Cannot see',
    operation: 'Operation',
    explain: 'Explain',
    path: 'Path',
    decision: 'Decision',
    basis: 'Rule or grant',
    reason: 'Reason',
    conditions: 'Conditions',
    inside: 'Inside the jurisdiction',
    outside: 'Outside it',
    withPurpose: 'With a stated purpose',
    grants: 'Grants in force',
    notAllowed: 'Your token may not do this',
    legend: 'Legend',
    signedInAs: 'Signed in as',
    history: 'Policy versions',
    author: 'Author',
    time: 'Time',
    diff: 'Diff',
    rollback: 'Roll back',
    rollbackReason: 'Reason for a rollback',
    fieldYouOwn: 'A field your department owns',
    addRule: 'Rule',
    previewChange: 'Preview',
    publishReason: 'Reason for publishing',
    publish: 'Publish',
    published: 'Published as version',
    draftValid: 'The draft is valid; the change:',
    draftInvalid: 'The draft has problems',
    notYours: 'Fields your department does not own',
    rules: 'Edit rules',
    // Sharing
    sharing: 'Sharing',
    requestAccess: 'Request access',
    inbox: 'Inbox',
    grantsTab: 'Grants',
    fieldsToRequest: 'Fields',
    fieldsRequired: 'Pick at least one field',
    purposeRequired: 'Pick the purpose from the catalogue',
    scope: 'Scope',
    scopeHint: 'The part of the jurisdiction tree the records lie in; the whole city if none is picked.',
    duration: 'Duration',
    durationHint: 'At most thirty days; the grant ends by itself then.',
    justification: 'Justification',
    justificationHint: 'Why the data is needed, for the owner who decides',
    sendRequest: 'Send the request',
    requestSent: 'Request sent',
    minutes: 'minutes',
    hours: 'hours',
    days: 'days',
    approve: 'Approve',
    deny: 'Deny',
    narrowDurationHint: 'No longer than requested; a shorter time narrows the grant.',
    narrowScopeHint: 'The requested scope or a part of it.',
    reasonRequired: 'State the reason',
    from: 'From',
    to: 'To',
    requestedAt: 'Requested',
    status: 'Status',
    statusPENDING: 'Pending',
    statusAPPROVED: 'Approved',
    statusREJECTED: 'Denied',
    grant: 'Grant',
    incomingRequests: 'Requests for your department\'s fields',
    outgoingRequests: 'Requests your department sent',
    revokedAt: 'Revoked',
    expired: 'Expired',
    revoke: 'Revoke',
    revokeConfirm: 'End this grant now?',
    revokeReason: 'Reason for revoking',
    grantedTo: 'Granted to',
    yourDepartment: 'Your department',
    grantedBy: 'Granted by',
    validUntil: 'Valid until',
    timeLeft: 'Time left',
  },
  zh: {
    title: '基层安全数据图谱',
    signIn: '登录',
    signOut: '退出',
    developmentSignIn: '开发环境登录',
    developmentNote: '网关为所选部门、角色和辖区签发开发令牌。生产环境不可用。',
    oidcSignIn: '使用城市统一身份认证登录',
    department: '部门',
    role: '角色',
    jurisdiction: '辖区',
    wholeCity: '全市（不限辖区）',
    purpose: '用途',
    noPurpose: '未声明',
    matrix: '谁能看到什么',
    preview: '以部门身份预览',
    field: '字段',
    classification: '密级',
    owner: '归属部门',
    policyVersion: '策略版本',
    filterDepartments: '显示的部门',
    filterField: '筛选字段',
    byDepartment: '按部门查看',
    canSee: '可以看到',
    cannotSee: '不能看到',
    operation: '查询语句',
    explain: '解释',
    path: '路径',
    decision: '决定',
    basis: '规则或授权',
    reason: '原因',
    conditions: '条件',
    inside: '辖区内',
    outside: '辖区外',
    withPurpose: '声明用途时',
    grants: '有效授权',
    notAllowed: '您的令牌无权执行此操作',
    legend: '图例',
    signedInAs: '当前用户',
    history: '策略版本',
    author: '发布人',
    time: '时间',
    diff: '差异',
    rollback: '回滚',
    rollbackReason: '回滚原因',
    fieldYouOwn: '本部门负责的字段',
    addRule: '规则',
    previewChange: '预览',
    publishReason: '发布原因',
    publish: '发布',
    published: '已发布为版本',
    draftValid: '草稿有效，变更如下：',
    draftInvalid: '草稿有问题',
    notYours: '非本部门负责的字段',
    rules: '编辑规则',
    // 数据共享
    sharing: '数据共享',
    requestAccess: '申请访问',
    inbox: '待办申请',
    grantsTab: '授权',
    fieldsToRequest: '字段',
    fieldsRequired: '请至少选择一个字段',
    purposeRequired: '请从用途目录中选择用途',
    scope: '范围',
    scopeHint: '记录所在的辖区节点；不选则为全市。',
    duration: '期限',
    durationHint: '最长三十天，到期自动失效。',
    justification: '申请理由',
    justificationHint: '说明为何需要这些数据，供归属部门审批',
    sendRequest: '提交申请',
    requestSent: '申请已提交',
    minutes: '分钟',
    hours: '小时',
    days: '天',
    approve: '批准',
    deny: '拒绝',
    narrowDurationHint: '不得长于申请期限；缩短即收窄授权。',
    narrowScopeHint: '申请的范围或其中一部分。',
    reasonRequired: '请填写理由',
    from: '申请部门',
    to: '审批部门',
    requestedAt: '申请时间',
    status: '状态',
    statusPENDING: '待审批',
    statusAPPROVED: '已批准',
    statusREJECTED: '已拒绝',
    grant: '授权',
    incomingRequests: '对本部门字段的申请',
    outgoingRequests: '本部门提交的申请',
    revokedAt: '已撤销',
    expired: '已过期',
    revoke: '撤销',
    revokeConfirm: '立即终止此授权？',
    revokeReason: '撤销原因',
    grantedTo: '被授权部门',
    yourDepartment: '本部门',
    grantedBy: '批准人',
    validUntil: '有效期至',
    timeLeft: '剩余时间',
  },
} as const;

export type Language = keyof typeof MESSAGES;
export type MessageKey = keyof (typeof MESSAGES)['en'];

const ANTD_LOCALES: Record<Language, Locale> = { en: enUS, zh: zhCN };
const DAYJS_LOCALES: Record<Language, string> = { en: 'en', zh: 'zh-cn' };
const STORAGE_KEY = 'civic-console-language';

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey) => string;
  antdLocale: Locale;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(() => {
    dayjs.locale(DAYJS_LOCALES[language]);
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
    return {
      language,
      setLanguage: (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setLanguageState(next);
      },
      t: (key) => MESSAGES[language][key],
      antdLocale: ANTD_LOCALES[language],
    };
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
