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
    legendAllow: 'allow: in full',
    legendMask: 'mask: masked value (style shown)',
    legendDeny: 'deny: null with FORBIDDEN',
    legendScoped: 'scoped: in full inside the jurisdiction only',
    legendScopedMask: 'scoped mask: masked inside the jurisdiction only',
    legendMixed: 'mixed: see the decisions',
    legendConditions: 'C: conditions on the record',
    legendPurpose: 'P: changes with a stated purpose',
    legendGrants: 'G: grants in force',
    subgraph: 'Subgraph',
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
    changesTitle: 'What each department would then see (an officer, inside the jurisdiction)',
    changesExample: 'Example (a made-up value, no real data)',
    before: 'Now',
    after: 'After publishing',
    refused: 'refused',
    noChanges: 'No department would see anything different.',
    rules: 'Edit rules',
    // Duty desk
    dutyDesk: 'Duty desk',
    dutyDeskNote: 'Open incidents of the last 7 days, most severe and newest first, with the teams and supplies sent to each.',
    modeLive: 'live',
    modePolling: 'polling',
    modeConnecting: 'connecting',
    reportedAt: 'Reported',
    severity: 'Severity',
    incidentTitle: 'Incident',
    category: 'Category',
    grid: 'Grid',
    status: 'Status',
    overdue: 'overdue',
    dispatched: 'Dispatched',
    dispatchesUnavailable: 'Dispatches unavailable',
    // Audit (screen 6)
    audit: 'Audit',
    auditResident: 'Resident id',
    auditUser: 'User',
    auditSearch: 'Search',
    auditDenied: 'denied',
    auditChart: 'Reads per department per day',
    auditLastDays: 'last {days} days, city time',
    auditChartNote: 'Refused attempts of all departments are stacked in red on top of each day.',
    auditNoReads: 'No reads in this period',
    auditExport: 'Export CSV',
    auditExporting: 'Receiving',
    auditExported: 'Saved',
    auditRows: 'rows',
    auditRecordsTotal: 'records',
    auditPageByPage: 'The trail pages forward by cursor: open the pages before this one first',
    auditRecord: 'Record',
    auditSubgraph: 'Served by',
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
    legendAllow: '允许：完整可见',
    legendMask: '脱敏：显示脱敏值（注明方式）',
    legendDeny: '拒绝：返回空值并报 FORBIDDEN',
    legendScoped: '辖区内可见：仅辖区内完整可见',
    legendScopedMask: '辖区内脱敏：仅辖区内可见脱敏值',
    legendMixed: '混合：见具体判定',
    legendConditions: 'C：取决于记录本身的条件',
    legendPurpose: 'P：声明用途后有变化',
    legendGrants: 'G：有生效中的授权',
    subgraph: '子图',
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
    changesTitle: '发布后各部门所见（辖区内的普通民警/工作人员）',
    changesExample: '示例（虚构值，不含真实数据）',
    before: '当前',
    after: '发布后',
    refused: '拒绝',
    noChanges: '各部门所见均无变化。',
    rules: '编辑规则',
    // 值班台
    dutyDesk: '值班台',
    dutyDeskNote: '近 7 天未办结的事件，按严重程度和时间由新到旧排列，并列出已调派的队伍和物资。',
    modeLive: '实时',
    modePolling: '轮询',
    modeConnecting: '连接中',
    reportedAt: '上报时间',
    severity: '严重程度',
    incidentTitle: '事件',
    category: '类别',
    grid: '网格',
    status: '状态',
    overdue: '已超期',
    dispatched: '已调派',
    dispatchesUnavailable: '调派信息暂不可用',
    // Audit (screen 6)
    audit: '审计',
    auditResident: '居民编号',
    auditUser: '用户',
    auditSearch: '查询',
    auditDenied: '已拒绝',
    auditChart: '各部门每日读取量',
    auditLastDays: '最近 {days} 天，按本市时间',
    auditChartNote: '各部门被拒绝的读取尝试以红色叠加在每日柱形顶部。',
    auditNoReads: '该期间没有读取记录',
    auditExport: '导出 CSV',
    auditExporting: '正在接收',
    auditExported: '已保存',
    auditRows: '行',
    auditRecordsTotal: '条记录',
    auditPageByPage: '审计记录按游标逐页向后翻阅：请先打开前面的页',
    auditRecord: '记录',
    auditSubgraph: '提供方',
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
