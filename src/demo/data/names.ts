/** Vocabulary for synthetic Chinese people and organisations (no real persons or firms). */

/** Common surnames with rough relative frequencies. */
export const SURNAMES: readonly [string, number][] = [
  ['王', 72], ['李', 71], ['张', 68], ['刘', 53], ['陈', 46], ['杨', 31], ['黄', 23], ['赵', 22], ['吴', 20],
  ['周', 19], ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['林', 11],
  ['高', 11], ['罗', 10], ['郑', 9], ['梁', 9], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 6], ['冯', 6],
  ['邓', 6], ['曹', 6], ['彭', 6], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 5], ['潘', 4], ['于', 4],
  ['蒋', 4], ['蔡', 4], ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3],
  ['任', 3], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3],
  ['范', 2], ['金', 2], ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['付', 2], ['方', 2], ['白', 2],
  ['邹', 2], ['孟', 2], ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2],
  ['欧阳', 0.5], ['司马', 0.2], ['上官', 0.2],
];

export const GIVEN_MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇',
  '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '阳', '建国', '建华', '志强', '志明', '国平', '海涛',
  '子轩', '浩然', '宇航', '俊杰', '文博', '天佑', '晨阳', '家豪', '明轩', '振华', '德明', '永康', '国庆', '卫东',
];

export const GIVEN_FEMALE = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀英', '桂英', '玉兰', '婷', '雪', '慧', '琳', '颖', '倩', '洁',
  '晶', '欣', '梅', '红', '萍', '燕', '玲', '丹', '蕾', '薇', '佳怡', '梓涵', '欣怡', '诗涵', '雨萱', '子涵', '思琪',
  '淑珍', '凤英', '秀兰', '翠花', '美玲', '晓燕', '海燕', '春梅', '雅婷', '嘉欣', '心怡', '若曦', '一诺', '可馨',
];

/** Given names typical of people born before 1960 (used for the elderly). */
export const GIVEN_OLD = [
  '建国', '国庆', '卫东', '秀英', '桂英', '玉兰', '淑珍', '凤英', '秀兰', '德明', '永康', '福生', '金花', '长林', '桂芳',
  '志华', '德胜', '文华', '素芬', '月娥', '振国', '春生', '根宝', '阿娣', '丽华',
];

export const OCCUPATIONS: readonly [string, number][] = [
  ['公司职员', 30], ['工程师', 6], ['教师', 5], ['医生', 2], ['护士', 2], ['公务员', 3], ['销售人员', 6],
  ['个体工商户', 8], ['司机', 4], ['快递员', 3], ['厨师', 2], ['会计', 3], ['程序员', 4], ['自由职业', 5],
  ['工人', 6], ['农民', 3], ['学生', 4], ['无业', 2],
];

export const ORG_WORDS = [
  '华', '瑞', '鑫', '盛', '恒', '泰', '达', '通', '宏', '博', '创', '信', '安', '远', '兴', '隆', '明', '嘉', '鼎',
  '润', '和', '弘', '启', '辰', '海', '东', '禾', '森', '科', '新', '源', '联', '金', '诚', '丰', '腾', '云', '智',
];

/** Industries: legal-form suffix, industry (used as the organisation's occupation) and its role. */
export const INDUSTRIES: readonly { suffix: string; industry: string; retail: boolean; trade: boolean; weight: number }[] = [
  { suffix: '科技有限公司', industry: '信息传输、软件和信息技术服务业', retail: false, trade: false, weight: 14 },
  { suffix: '贸易有限公司', industry: '批发和零售业', retail: false, trade: true, weight: 12 },
  { suffix: '超市有限公司', industry: '批发和零售业', retail: true, trade: false, weight: 6 },
  { suffix: '餐饮管理有限公司', industry: '住宿和餐饮业', retail: true, trade: false, weight: 8 },
  { suffix: '建筑工程有限公司', industry: '建筑业', retail: false, trade: false, weight: 8 },
  { suffix: '物流有限公司', industry: '交通运输、仓储和邮政业', retail: false, trade: false, weight: 7 },
  { suffix: '机械制造有限公司', industry: '制造业', retail: false, trade: true, weight: 9 },
  { suffix: '电子有限公司', industry: '制造业', retail: false, trade: true, weight: 7 },
  { suffix: '医药连锁有限公司', industry: '卫生和社会工作', retail: true, trade: false, weight: 4 },
  { suffix: '服饰有限公司', industry: '批发和零售业', retail: true, trade: true, weight: 5 },
  { suffix: '文化传媒有限公司', industry: '文化、体育和娱乐业', retail: false, trade: false, weight: 5 },
  { suffix: '物业管理有限公司', industry: '房地产业', retail: false, trade: false, weight: 5 },
  { suffix: '咨询服务有限公司', industry: '租赁和商务服务业', retail: false, trade: false, weight: 6 },
  { suffix: '便利店', industry: '批发和零售业', retail: true, trade: false, weight: 4 },
];

export const PAYMENT_PLATFORMS = ['支付宝（中国）网络技术有限公司', '财付通支付科技有限公司', '京东支付科技有限公司', '银联商务股份有限公司'];

/** Billers: name, bill purpose, median amount in yuan, log-normal spread. */
/** Billers ({province}/{city} are filled per city): bill purpose, median amount in yuan, log-normal spread. */
export const BILLERS: readonly { name: string; purpose: string; median: number; sigma: number }[] = [
  { name: '国网{province}电力公司', purpose: '电费', median: 180, sigma: 0.5 },
  { name: '{city}燃气有限公司', purpose: '燃气费', median: 80, sigma: 0.5 },
  { name: '{city}自来水有限公司', purpose: '水费', median: 45, sigma: 0.4 },
  { name: '中国移动通信集团{province}有限公司', purpose: '话费', median: 88, sigma: 0.35 },
  { name: '中国联合网络通信有限公司{city}分公司', purpose: '宽带费', median: 100, sigma: 0.2 },
];

export const SHOP_PURPOSES = ['消费', '超市购物', '餐饮', '网购', '外卖', '交通出行', '服装', '日用品', '医药', '加油'];
export const P2P_PURPOSES = ['转账', '生活费', '还款', '红包', '借款', '聚餐AA', '房租', '代付'];
