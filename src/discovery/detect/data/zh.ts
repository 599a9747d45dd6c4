/**
 * Chinese surnames (the most common ~300 of the Hundred Family Surnames by population, plus
 * compound surnames) and characters common in given names. Written for this project from public
 * census rankings; used with context because most of these characters are also ordinary words.
 */
export const ZH_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'.split('');

export const ZH_COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '西门', '南宫', '独孤', '轩辕'];

/** Characters frequent in given names; a candidate given name must be made of these. */
export const ZH_GIVEN_CHARS = new Set(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏辉建国文斌宇浩凯健俊帆帅旭宁龙林欣瑶婷雪琳晨阳佳慧颖倩琪璐思雨涵轩博宏志海峰波亮飞鑫宸怡悦萱梓诗嘉子睿泽皓昊然彤妍馨蕾薇菲莉晶岚云霖瑞祥福贵春秋冬晓小大天一元新永长德成光荣兴亚美珍珠翠凤燕莹雯琦璇婉月星彬彪斌武毅刚坤鹤松柏桐楠榕森杨柳桃蓉莲荷菊兰竹青清泉江河湖源润涌浪洪深淑贤惠淑德仁义礼智信忠孝诚实善良安康乐宁静和顺心怡欣喜庆嘉佳丹彩虹霓玲琴瑜珊珍瑾璋琛琰琼瑗瑛凡帆航远达通进辰骏驰腾飞翔翼鸣鸿鹏雁燕莺鸾凤麟龙虎豹雄威猛烈炎焱鑫锋钧铭锐锦钰铮镇金银铁锡钢晨曦旭晖昭晴暖春夏秋冬梦琦玮珂瑶璐琳琪晗晓昕昱晟景智慧聪颖敏捷灵秀丽娇媚姣婵娥婧媛妮娅娴姗姝姿娉婷子梓紫芷芝芸芹苗英茹茵荟莎莉菁萌萱蓓蕊薇蔓菡'.split(''),
);
