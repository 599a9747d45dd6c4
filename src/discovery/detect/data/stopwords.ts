/**
 * Words that are also in the name lists but are far more often ordinary words, places, months,
 * headings or address parts. A token in this list never counts as a name by itself.
 */
export const STOPWORDS_TEXT = `
a an the and or but if of in on at to for from by with without about above after again against all am are as be been before
being below between both can could did do does doing down during each few further had has have having he her here hers herself
him himself his how i into is it its itself just me more most my myself no nor not now off once only other our ours out over
own same she should so some such than that their theirs them then there these they this those through too under until up very
was we were what when where which while who whom why will would you your yours yourself
january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun today tomorrow yesterday
street st road rd avenue ave lane ln drive dr boulevard blvd court ct place pl square sq way suite apt apartment unit floor building
north south east west n s e w city town state county country province region district park hill hills valley lake river beach bay
mount mountain port harbor harbour island point view heights grove garden gardens forest wood woods field fields bridge station center centre
new old great little big high low upper lower main first second third last next
mr mrs ms miss dr prof sir madam dear hello hi thanks thank regards best kind yours sincerely
customer client user admin support team service sales order invoice payment account bank card credit debit total price amount balance
date time year month week day hour minute number code id name email phone mobile address note notes status type value data report
company inc ltd llc gmbh ag corp co group holdings international global solutions systems technologies services
product products item items shop store online mall market
please subject re fw fwd from to cc bcc attached attachment
dear team hope well let know call meeting tomorrow soon ok yes no
true false null none n/a na unknown other test sample example demo
king queen prince princess lord lady saint san santa sao são
christmas easter summer winter spring autumn fall
red blue green black white brown gray grey gold silver pink orange purple yellow violet
love joy hope faith grace glory honor honour happy lucky sunny star sky rain snow storm
american english british german french spanish portuguese chinese japanese indian canadian brazilian
america england britain germany france spain portugal china japan india canada brazil singapore london paris berlin
privacy policy terms conditions security password login logout sign register
die der das den dem des ein eine einen einem einer und oder aber mit von zu im am um für auf aus bei nach vor über unter
sehr geehrte geehrter liebe lieber herr frau herrn kunde kundin bestellung rechnung lieferung adresse straße strasse telefon
bank konto geburtstag januar februar märz mai juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag
o os as um uma uns umas de da do das dos e em no na nos nas por para com sem sobre entre
senhor senhora dona rua avenida travessa praça bairro cidade estado cliente pedido fatura pagamento conta cartão
janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
segunda terça quarta quinta sexta sábado domingo obrigado obrigada atenciosamente
el la los las un una y o en con sin para por calle señor señora
le les du des et ou avec sans pour par rue monsieur madame
`;
