// Lexer for the EscalationDsl policy language (.esc).
// Grammar only: no target-language actions. Error tokens (UNTERMINATED_STRING,
// ERROR_CHAR) are matched here so the parser wrapper can report them precisely.
lexer grammar EscalationLexer;

// Keywords (lowercase only). Names such as SLA components, weekdays, field
// types and duration units are plain identifiers checked by the binder, so a
// typo there gets a "did you mean" message instead of a syntax error.
AFTER       : 'after';
AND         : 'and';
ANY         : 'any';
ASSIGN      : 'assign';
BEFORE      : 'before';
BUSINESS    : 'business';
BY          : 'by';
CALENDAR    : 'calendar';
DEESCALATE  : 'deescalate';
DEFAULT     : 'default';
DRIVEN      : 'driven';
DURING      : 'during';
ENGINEERING : 'engineering';
ENTER       : 'enter';
ESCALATE    : 'escalate';
ESCALATION  : 'escalation';
EVERY       : 'every';
FIELDS      : 'fields';
FOR         : 'for';
GROUP       : 'group';
HOLIDAY     : 'holiday';
HOURS       : 'hours';
IMMEDIATELY : 'immediately';
IN          : 'in';
MONITOR     : 'monitor';
NEXT        : 'next';
NOT         : 'not';
NOTIFY      : 'notify';
OLDER       : 'older';
ON          : 'on';
ONLY        : 'only';
OR          : 'or';
OWNER       : 'owner';
OWNERS      : 'owners';
PAGE        : 'page';
PAGING      : 'paging';
PAUSE       : 'pause';
PERSON      : 'person';
POLICY      : 'policy';
REMIND      : 'remind';
REPORTS     : 'reports';
REQUIRE     : 'require';
ROLE        : 'role';
ROUTE       : 'route';
SEVERITY    : 'severity';
SINCE       : 'since';
SLA         : 'sla';
STOP        : 'stop';
TEAM        : 'team';
THAN        : 'than';
TIMES       : 'times';
TO          : 'to';
UNLESS      : 'unless';
UNTIL       : 'until';
UP          : 'up';
VERSION     : 'version';
WHEN        : 'when';
WHILE       : 'while';
WITH        : 'with';
WITHIN      : 'within';

// Punctuation and operators.
ARROW    : '->';
DOTDOT   : '..';
EQ       : '==';
NEQ      : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
LBRACE   : '{';
RBRACE   : '}';
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
COMMA    : ',';
COLON    : ':';
MINUS    : '-';

// Literals. DATE and TIME_OF_DAY are longer than INT, so they win where they match.
DATE        : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
TIME_OF_DAY : DIGIT DIGIT? ':' DIGIT DIGIT;
// A number glued to letters: '15m', '1h30m', and also mistakes like '15x',
// which the binder reports with the list of valid units.
DURATION    : (DIGIT+ LETTER+)+;
INT         : DIGIT+;
STRING      : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;
IDENT       : (LETTER | '_') (LETTER | DIGIT | '_')*;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN);
WS      : [ \t\r\n\f]+ -> skip;

// Anything else is one error token; the parser wrapper reports it.
ERROR_CHAR : .;

fragment DIGIT  : [0-9];
fragment LETTER : [a-zA-Z];
