/** Places and banks used by the demo: real administrative codes, synthetic everything else. */

export interface City {
  name: string;
  province: string;
  /** 4-digit CNAPS city code used in the synthetic bank codes. */
  cnaps: string;
  /** Administrative division codes (GB/T 2260) of districts, for resident ID numbers. */
  districts: readonly [string, string][];
  /** Fixed-line area code. */
  areaCode: string;
}

export const CITIES: readonly City[] = [
  { name: '上海市', province: '上海市', cnaps: '2900', areaCode: '021', districts: [['310101', '黄浦区'], ['310104', '徐汇区'], ['310105', '长宁区'], ['310115', '浦东新区'], ['310112', '闵行区'], ['310110', '杨浦区']] },
  { name: '北京市', province: '北京市', cnaps: '1000', areaCode: '010', districts: [['110101', '东城区'], ['110102', '西城区'], ['110105', '朝阳区'], ['110108', '海淀区'], ['110106', '丰台区']] },
  { name: '广州市', province: '广东省', cnaps: '5810', areaCode: '020', districts: [['440103', '荔湾区'], ['440104', '越秀区'], ['440106', '天河区'], ['440105', '海珠区'], ['440111', '白云区']] },
  { name: '杭州市', province: '浙江省', cnaps: '3310', areaCode: '0571', districts: [['330102', '上城区'], ['330105', '拱墅区'], ['330106', '西湖区'], ['330108', '滨江区'], ['330110', '余杭区']] },
  { name: '南京市', province: '江苏省', cnaps: '3010', areaCode: '025', districts: [['320102', '玄武区'], ['320104', '秦淮区'], ['320105', '建邺区'], ['320106', '鼓楼区'], ['320115', '江宁区']] },
  { name: '成都市', province: '四川省', cnaps: '6510', areaCode: '028', districts: [['510104', '锦江区'], ['510105', '青羊区'], ['510106', '金牛区'], ['510107', '武侯区'], ['510108', '成华区']] },
];

/** Birthplaces of people who moved to the branch cities (ID numbers keep the birthplace code). */
export const BIRTHPLACES: readonly [string, string, string][] = [
  ['410102', '河南省', '郑州市'], ['420102', '湖北省', '武汉市'], ['430102', '湖南省', '长沙市'], ['340102', '安徽省', '合肥市'],
  ['360102', '江西省', '南昌市'], ['370102', '山东省', '济南市'], ['610113', '陕西省', '西安市'], ['500103', '重庆市', '重庆市'],
  ['350102', '福建省', '福州市'], ['450102', '广西壮族自治区', '南宁市'], ['130102', '河北省', '石家庄市'], ['230102', '黑龙江省', '哈尔滨市'],
  ['610502', '陕西省', '渭南市'], ['520102', '贵州省', '贵阳市'], ['530102', '云南省', '昆明市'],
];

export const ROADS = [
  '人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '胜利路', '长江路', '黄河路', '南京路', '延安路', '学院路',
  '文化路', '青年路', '朝阳路', '光明路', '滨江大道', '世纪大道', '科技路', '东风路', '五一路', '红旗路', '幸福路',
];

export const COMMUNITIES = ['阳光', '金色', '翠湖', '锦绣', '绿城', '万科', '碧桂', '华府', '春晓', '丽景', '和谐', '康乐'];

/** Other domestic banks: name, CNAPS bank-class prefix and the BIN used for their debit cards. */
export const DOMESTIC_BANKS: readonly { name: string; prefix: string; bin: string; weight: number }[] = [
  { name: '中国工商银行', prefix: '102', bin: '622202', weight: 20 },
  { name: '中国农业银行', prefix: '103', bin: '622848', weight: 14 },
  { name: '中国银行', prefix: '104', bin: '621785', weight: 12 },
  { name: '中国建设银行', prefix: '105', bin: '621700', weight: 16 },
  { name: '交通银行', prefix: '301', bin: '622262', weight: 6 },
  { name: '中信银行', prefix: '302', bin: '621768', weight: 3 },
  { name: '中国民生银行', prefix: '305', bin: '622622', weight: 3 },
  { name: '平安银行', prefix: '307', bin: '622155', weight: 3 },
  { name: '招商银行', prefix: '308', bin: '622588', weight: 9 },
  { name: '兴业银行', prefix: '309', bin: '622909', weight: 4 },
  { name: '上海浦东发展银行', prefix: '310', bin: '622521', weight: 4 },
  { name: '中国邮政储蓄银行', prefix: '403', bin: '621799', weight: 6 },
];

/** CNAPS city codes of other places, for payees "in another province". */
export const OTHER_CNAPS: readonly [string, string][] = [
  ['4910', '郑州市'], ['5210', '武汉市'], ['5510', '长沙市'], ['3610', '合肥市'], ['4210', '南昌市'], ['4510', '济南市'],
  ['7910', '西安市'], ['7970', '渭南市'], ['6530', '重庆市'], ['3910', '福州市'], ['6110', '南宁市'], ['1210', '石家庄市'],
  ['2610', '哈尔滨市'], ['7010', '贵阳市'], ['7310', '昆明市'], ['6410', '海口市'],
];

/** Foreign banks (SWIFT BIC), for cross-border payments. */
export const FOREIGN_BANKS: readonly { bic: string; name: string; country: string; currency: 'USD' | 'HKD' }[] = [
  { bic: 'HSBCHKHHHKH', name: 'The Hongkong and Shanghai Banking Corporation', country: 'HK', currency: 'HKD' },
  { bic: 'BKCHHKHHXXX', name: 'Bank of China (Hong Kong)', country: 'HK', currency: 'HKD' },
  { bic: 'SCBLHKHHXXX', name: 'Standard Chartered Bank (Hong Kong)', country: 'HK', currency: 'USD' },
  { bic: 'CITIUS33XXX', name: 'Citibank N.A.', country: 'US', currency: 'USD' },
  { bic: 'CHASUS33XXX', name: 'JPMorgan Chase Bank N.A.', country: 'US', currency: 'USD' },
  { bic: 'DBSSSGSGXXX', name: 'DBS Bank Ltd', country: 'SG', currency: 'USD' },
];

export const FOREIGN_PAYEES = [
  'Pacific Rim Components Ltd', 'Harbour Trading Co Ltd', 'Golden Bridge Supply Ltd', 'Evergreen Materials Inc',
  'Lotus Import Export Ltd', 'Northstar Electronics Inc', 'University of Melbourne', 'Kowloon Textile Co Ltd',
];

/** Synthetic public IPv4 blocks of Chinese carriers (first two octets) for home and mobile IPs. */
export const IP_BLOCKS = ['36.112', '58.246', '101.84', '112.65', '116.228', '117.136', '119.147', '183.192', '221.224', '222.66'];
/** Blocks outside the mainland (proxies, overseas), for suspicious sessions. */
export const FOREIGN_IP_BLOCKS = ['103.152', '45.77', '154.84', '202.181'];
