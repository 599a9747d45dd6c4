/**
 * Hand-written common names (census-style top lists) that the generated lists lack, mostly with
 * diacritics: Brazilian/Portuguese, German, Spanish, Malay/Indian-Singaporean given names and
 * Chinese (pinyin), Japanese and Korean romanised surnames.
 */
export const EXTRA_FIRST = `
maria josé jose joão joao ana antônio antonio francisco carlos paulo pedro lucas luiz luis luís marcos gabriel rafael daniel
marcelo bruno eduardo felipe raimundo rodrigo manoel manuel mateus matheus andré andre fernando fábio fabio leonardo gustavo
guilherme leandro tiago thiago sebastião sebastiao vinícius vinicius diego júlio julio renato alexandre roberto vitor victor
adriana juliana márcia marcia fernanda patrícia patricia aline sandra camila amanda bruna jéssica jessica letícia leticia
júlia julia luciana vanessa mariana gabriela vera vitória vitoria larissa cláudia claudia beatriz rita luana sônia sonia
renata eliane josefa simone natália natalia cristiane carla débora debora rosângela rosangela jaqueline rosa daniela
aparecida marlene terezinha raimunda andréa andrea fabiana lúcia lucia raquel ângela angela rafaela joana luzia elaine
heloísa heloisa valentina laura isabela isabella lívia livia sophia sofia alice manuela helena cecília cecilia lorena yasmin
enzo davi arthur heitor bernardo lorenzo théo theo miguel benício benicio joaquim samuel otávio otavio caio murilo
jürgen jurgen jörg jorg günter gunter björn bjorn sören soren uwe horst dieter klaus wolfgang helmut manfred gerhard hans
ursula renate brigitte gisela ingrid monika petra sabine birgit heike kerstin anja katrin silke jutta dörte dorte bärbel
muhammad nur siti ahmad abdul aisyah nurul farah hafiz syafiq aziz rahman ismail hamid razak wei ming jun hui ling mei
xiaoming xiaohong wei fang na min jing li xiuying yan yong jie jun tao chao lei hao yang ping gang hui hong qiang
priya rahul amit anil sunil rajesh ramesh suresh deepak vijay arjun ravi sanjay anita sunita pooja neha kavita lakshmi
`;

export const EXTRA_LAST = `
silva santos oliveira souza sousa rodrigues ferreira alves pereira lima gomes costa ribeiro martins carvalho almeida lopes
soares fernandes vieira barbosa rocha dias nascimento andrade moreira nunes marques machado mendes freitas cardoso ramos
gonçalves goncalves santana teixeira araújo araujo cavalcanti pinto batista correia castro campos melo monteiro moura
cunha azevedo brito reis farias borges coelho pires medeiros miranda sampaio duarte magalhães magalhaes tavares vasconcelos
müller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schäfer schaefer koch bauer richter
klein wolf schröder schroeder neumann schwarz zimmermann braun krüger krueger hofmann hartmann lange schmitt werner
schmitz krause meier lehmann schmid schulze maier köhler koehler herrmann könig koenig walter mayer huber kaiser fuchs
peters lang scholz möller moeller weiß weiss jung hahn schubert vogel friedrich keller günther guenther frank berger
winkler roth beck lorenz baumann franke albrecht schuster simon ludwig böhm boehm winter kraus martin schumacher krämer
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang han feng deng
cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lü lv ding ren shen yao lu jin zhong cui tan wan
lim tan ng ong goh chua koh teo lee wong chan ho leung lau cheung chow yip kwok tsang tse
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi matsumoto
kim park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song
garcía garcia martínez martinez lópez lopez gonzález gonzalez rodríguez rodriguez fernández fernandez sánchez sanchez
pérez perez gómez gomez díaz diaz hernández hernandez jiménez jimenez ruiz moreno muñoz munoz álvarez alvarez romero
`;
