// Synthetic Chinese names: people, villages, shops, firms. Invented combinations, not real persons or businesses.

import type { Rng } from './prng';

// Common surnames of the Lüliang/Jinzhong plain, weighted roughly by frequency.
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 10],
  ['李', 8],
  ['张', 7],
  ['刘', 7],
  ['郭', 6],
  ['武', 5],
  ['赵', 4],
  ['杨', 4],
  ['陈', 3],
  ['田', 3],
  ['任', 3],
  ['韩', 3],
  ['贾', 3],
  ['梁', 3],
  ['孙', 2],
  ['胡', 2],
  ['白', 2],
  ['温', 2],
  ['侯', 2],
  ['阎', 2],
  ['冀', 2],
  ['宋', 2],
  ['马', 2],
  ['吴', 1],
  ['高', 2],
  ['段', 1],
  ['薛', 1],
  ['牛', 1],
  ['成', 1],
  ['程', 1],
  ['康', 1],
  ['乔', 1],
  ['曹', 1],
  ['史', 1],
  ['霍', 1],
  ['雷', 1],
  ['石', 1],
  ['岳', 1],
];

const GIVEN_OLD_MALE = [
  '建国',
  '建华',
  '国庆',
  '卫东',
  '志刚',
  '建军',
  '保平',
  '金虎',
  '满仓',
  '有才',
  '福贵',
  '根生',
  '二虎',
  '三保',
  '树林',
  '永明',
  '文华',
  '海平',
  '俊峰',
  '世杰',
  '存良',
  '占元',
  '玉成',
  '新民',
  '拴柱',
  '改明',
  '润生',
  '德胜',
];
const GIVEN_OLD_FEMALE = [
  '秀英',
  '桂兰',
  '玉梅',
  '凤英',
  '翠花',
  '改莲',
  '巧云',
  '月娥',
  '金花',
  '丽萍',
  '春梅',
  '淑芳',
  '爱琴',
  '素珍',
  '彩霞',
  '冬梅',
  '美兰',
  '小红',
];
const GIVEN_CHARS = [
  '伟',
  '磊',
  '鹏',
  '强',
  '涛',
  '军',
  '勇',
  '杰',
  '斌',
  '浩',
  '宇',
  '飞',
  '晨',
  '超',
  '亮',
  '刚',
  '峰',
  '辉',
  '明',
  '静',
  '丽',
  '娟',
  '敏',
  '婷',
  '芳',
  '燕',
  '霞',
  '艳',
  '瑞',
  '慧',
  '晶',
  '琳',
  '欣',
  '悦',
  '鑫',
  '佳',
  '雪',
  '倩',
  '志',
  '建',
  '晓',
  '海',
  '文',
  '红',
  '小',
  '永',
  '春',
  '俊',
  '利',
  '国',
  '少',
  '卫',
  '继',
  '宏',
];

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES);
}

/** A synthetic full name, 2 or 3 characters. */
export function personName(rng: Rng): string {
  const family = surname(rng);
  const style = rng.next();
  if (style < 0.3) return family + rng.pick(GIVEN_OLD_MALE);
  if (style < 0.45) return family + rng.pick(GIVEN_OLD_FEMALE);
  if (style < 0.65) return family + rng.pick(GIVEN_CHARS);
  let given = rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
  if (given.charAt(0) === given.charAt(1)) given = given.charAt(0) + rng.pick(GIVEN_OLD_MALE).charAt(1);
  return family + given;
}

// Village names for the demo town (刘胡兰村 first; the rest invented in the local naming style).
export const DEMO_VILLAGE_NAMES = [
  '刘胡兰村',
  '保贤村',
  '南胡村',
  '东石侯村',
  '西石侯村',
  '北胡村',
  '大象村',
  '神堂村',
  '武家堡村',
  '新堡村',
  '郑家庄村',
  '上庄村',
  '南安村',
  '北徐村',
  '孝义堡村',
  '东社村',
  '西社村',
  '王家堡村',
  '麻家堡村',
  '冀家庄村',
  '前营村',
  '后营村',
  '梁家堡村',
  '温家庄村',
  '南贤村',
  '北贤村',
  '田家社村',
  '韩家寨村',
];

const VILLAGE_PREFIX = ['东', '西', '南', '北', '前', '后', '上', '下', '大', '小', '新', '中', '高', '宋', ''];
const VILLAGE_STEM = [
  '王',
  '李',
  '张',
  '郭',
  '武',
  '赵',
  '杨',
  '田',
  '任',
  '韩',
  '贾',
  '梁',
  '温',
  '侯',
  '阎',
  '冀',
  '宋',
  '马',
  '段',
  '薛',
  '牛',
  '程',
  '康',
  '乔',
  '曹',
  '史',
  '霍',
  '雷',
  '石',
  '岳',
  '马西',
  '开栅',
  '苏家',
  '穆家',
  '长乐',
  '永安',
  '安居',
  '胡',
  '义',
  '贤',
  '社',
  '堡',
  '桥',
  '河',
  '槐',
  '柳',
  '杜',
  '枣',
  '榆',
  '沙',
  '营',
  '城',
  '庄',
];
const VILLAGE_SUFFIX = ['家庄村', '家堡村', '村', '营村', '堡村', '庄村', '社村', '寨村', '屯村', '头村', '家寨村', '坊村'];

/** A new village name not yet in the used set (county-scale runs need hundreds). */
export function villageName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = rng.pick(VILLAGE_PREFIX) + rng.pick(VILLAGE_STEM) + rng.pick(VILLAGE_SUFFIX);
    if (name.length >= 3 && !used.has(name)) {
      used.add(name);
      return name;
    }
  }
  let n = 1;
  while (used.has(`新建${n}村`)) n++;
  used.add(`新建${n}村`);
  return `新建${n}村`;
}

const TOWN_STEMS = [
  '东安',
  '西河',
  '南湾',
  '北原',
  '凤鸣',
  '永乐',
  '长兴',
  '和顺',
  '丰泽',
  '安泰',
  '平川',
  '清源',
  '瑞丰',
  '康宁',
  '兴隆',
  '广福',
];

/** Invented township names for county-scale runs (index 0 is always 刘胡兰镇). */
export function townName(index: number): string {
  if (index === 0) return '刘胡兰镇';
  const stem = TOWN_STEMS[(index - 1) % TOWN_STEMS.length];
  const round = Math.floor((index - 1) / TOWN_STEMS.length);
  return round === 0 ? `${stem}镇` : `${stem}${round + 1}镇`;
}

/** Short form of a village name for road names: 保贤村 -> 保贤. */
export function shortVillage(name: string): string {
  return name.endsWith('村') ? name.slice(0, -1) : name;
}

const SHOP_PREFIX = [
  '鑫源',
  '兴旺',
  '福来',
  '顺发',
  '红星',
  '惠民',
  '万家',
  '金盛',
  '恒泰',
  '永兴',
  '聚德',
  '晋味',
  '汾香',
  '家和',
  '利民',
  '鸿运',
  '宏达',
  '华联',
  '吉祥',
  '富民',
  '老街',
  '乡里',
  '好再来',
  '一品',
  '春风',
  '晋阳',
  '同心',
  '胜利',
];

const CATEGORY_SUFFIXES: Record<string, readonly string[]> = {
  shop: ['超市', '便民店', '小卖部', '五金店', '建材店', '农资店', '服装店', '烟酒店', '日杂店', '电器行', '药店'],
  eatery: ['面馆', '饭店', '小吃部', '包子铺', '烧烤店', '饺子馆', '熟食店'],
  inn: ['旅馆', '宾馆', '客栈'],
  workshop: ['汽修部', '木器加工部', '电动车维修部', '豆腐坊', '面粉加工坊', '焊接加工部', '榨油坊'],
  clinic: ['诊所', '卫生所', '中医诊所'],
  school: ['幼儿园', '培训学校', '托管班'],
  entertainment: ['KTV', '歌舞厅', '棋牌室'],
  internet_cafe: ['网吧', '网络会所'],
  bath_beauty: ['理发店', '美容美发店', '浴池', '美甲店'],
};

export function shopName(rng: Rng, category: string, villageShort: string): string {
  const suffixes = CATEGORY_SUFFIXES[category] ?? ['商店'];
  const style = rng.next();
  let prefix: string;
  if (style < 0.45) prefix = rng.pick(SHOP_PREFIX);
  else if (style < 0.75) prefix = `${surname(rng)}记`;
  else if (style < 0.9) prefix = villageShort;
  else prefix = `老${surname(rng)}家`;
  return prefix + rng.pick(suffixes);
}

const FIRM_STEMS = ['汾源', '晋泉', '兴达', '永盛', '华泰', '鑫晟', '瑞祥', '金穗', '长青', '宏基', '昌隆', '润丰'];

export function firmName(rng: Rng, kind: 'distillery' | 'packaging' | 'farm', villageShort: string): string {
  const stem = rng.chance(0.5) ? rng.pick(FIRM_STEMS) : villageShort;
  if (kind === 'distillery') return stem + rng.pick(['酒业有限公司', '酿酒厂', '酒坊', '白酒厂']);
  if (kind === 'packaging') return stem + rng.pick(['包装制品有限公司', '纸箱厂', '塑料包装厂', '彩印包装厂']);
  return `${villageShort}${surname(rng)}${rng.pick(['氏养猪场', '家养牛场', '家养羊场', '氏养鸡场', '家肉牛养殖场', '氏生猪养殖场'])}`;
}
