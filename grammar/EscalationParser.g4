// Parser for the EscalationDsl policy language (.esc).
// Grammar only: no target-language actions. The C# visitor in
// src/EscalationDsl.Language/Parsing turns these contexts into syntax records.
parser grammar EscalationParser;

options { tokenVocab = EscalationLexer; }

policyFile
    : policyHeader? declaration* EOF
    ;

policyHeader
    : POLICY name=STRING (VERSION version=INT)?
    ;

declaration
    : calendarDecl
    | ownersDecl
    | fieldsDecl
    | severityDecl
    | routeDecl
    | escalationDecl
    | requireGuard
    | pageGuard
    | deescalateDecl
    | pauseDecl
    ;

// ---------------------------------------------------------------- calendars

// A calendar, or `calendar by customer { acme -> amer  default -> emea }`: the calendar that
// measures a ticket's business durations that name none, chosen by the value of one of its fields.
// One rule, so the parser meets a keyword written as a calendar's name inside it.
calendarDecl
    : CALENDAR
      ( BY field=fieldName LBRACE calendarChoice* RBRACE
      | name=calendarName zone=STRING isDefault=DEFAULT? LBRACE calendarItem* RBRACE
      )
    ;

calendarItem
    : HOURS dayRange (COMMA dayRange)* timeRange (COMMA timeRange)*   # hoursItem
    | HOLIDAY from=DATE (DOTDOT to=DATE)? label=STRING?              # holidayItem
    ;

calendarChoice
    : value (COMMA value)* ARROW calendar=calendarName   # valueCalendarChoice
    | DEFAULT ARROW calendar=calendarName                # defaultCalendarChoice
    ;

dayRange
    : from=IDENT (DOTDOT to=IDENT)?
    ;

timeRange
    : from=TIME_OF_DAY MINUS to=TIME_OF_DAY
    ;

// ---------------------------------------------------------------- owners

ownersDecl
    : OWNERS LBRACE ownerDecl* RBRACE
    ;

ownerDecl
    : kind=(TEAM | ROLE | GROUP | PERSON) name=IDENT display=STRING? ownerAttribute*
    ;

ownerAttribute
    : ENGINEERING                 # engineeringAttribute
    | REPORTS TO target=IDENT     # reportsToAttribute
    ;

// ---------------------------------------------------------------- fields

fieldsDecl
    : FIELDS LBRACE fieldDecl* RBRACE
    ;

// `severity` and `owner` are keywords but also built-in field names; accepting them here lets
// the binder say that built-in fields cannot be redeclared, instead of a bare syntax error.
fieldDecl
    : name=fieldName type=IDENT (LBRACK value (COMMA value)* RBRACK)?
    ;

// ---------------------------------------------------------------- severities

severityDecl
    : SEVERITY name=IDENT display=STRING? LBRACE severityItem* RBRACE
    ;

severityItem
    : component=componentName WITHIN duration (WITH withField=IDENT)?      # slaTarget
    | component=componentName EVERY duration (UNTIL condition)?            # updateCadence
    | CALENDAR name=calendarName                                   # severityCalendar
    ;

// ---------------------------------------------------------------- routes

routeDecl
    : ROUTE field=fieldName LBRACE routeEntry* RBRACE
    ;

routeEntry
    : value (COMMA value)* ARROW owner=IDENT      # valueRoute
    | DEFAULT ARROW owner=IDENT                   # defaultRoute
    ;

// ---------------------------------------------------------------- escalation rules

escalationDecl
    : ESCALATION name=IDENT FOR severitySelector (WHEN condition)? LBRACE ruleItem* RBRACE
    ;

severitySelector
    : ANY                            # anySeverity
    | IDENT (COMMA IDENT)*           # severityList
    ;

ruleItem
    : OWNER name=IDENT               # ruleOwner
    | CALENDAR name=calendarName     # ruleCalendar
    | DRIVEN BY name=IDENT           # ruleDriver
    | step                           # ruleStep
    | requireGuard                   # ruleRequireGuard
    | pageGuard                      # rulePageGuard
    ;

step
    : trigger COLON action (COMMA action)*
    ;

trigger
    : AFTER duration (UNLESS condition)?                                           # afterTrigger
    | EVERY duration (SINCE anchor=IDENT)? (WHILE condition)? (UP TO cap=INT TIMES)? # everyTrigger
    | IMMEDIATELY                                                                  # immediateTrigger
    | ON event=IDENT (WHEN condition)?                                             # onTrigger
    ;

action
    : NOTIFY ownerRef (COMMA ownerRef)*        # notifyAction
    | PAGE ownerRef (COMMA ownerRef)*          # pageAction
    | ASSIGN ownerRef                          # assignAction
    | ESCALATE TO ownerRef                     # escalateAction
    | REMIND ownerRef                          # remindAction
    | REQUIRE IDENT (COMMA IDENT)*             # requireAction
    | STOP PAGING                              # stopPagingAction
    | ENTER MONITOR                            # enterMonitorAction
    ;

ownerRef
    : OWNER                                    # currentOwnerRef
    | NEXT                                     # nextOwnerRef
    | ROUTE LPAREN field=fieldName RPAREN      # routeOwnerRef
    | name=IDENT                               # namedOwnerRef
    ;

// ---------------------------------------------------------------- guards and modes

requireGuard
    : REQUIRE IDENT (COMMA IDENT)* BEFORE ESCALATE (WHEN condition)?
    ;

pageGuard
    : PAGE ONLY WHEN condition
    ;

deescalateDecl
    : DEESCALATE WHEN condition LBRACE action* RBRACE
    ;

pauseDecl
    : PAUSE SLA WHILE condition
    ;

// ---------------------------------------------------------------- conditions
// Precedence, tightest first: comparisons, `not`, `and`, `or`.

condition
    : LPAREN condition RPAREN                                  # parenCondition
    | NOT condition                                            # notCondition
    | left=condition AND right=condition                       # andCondition
    | left=condition OR right=condition                        # orCondition
    | fieldName op=(EQ | NEQ | LT | LE | GT | GE) value         # compareCondition
    | fieldName NOT? IN LBRACK value (COMMA value)* RBRACK     # inCondition
    | fieldName OLDER THAN duration                            # olderCondition
    | DURING name=calendarName                                 # duringCondition
    | fieldName                                                # flagCondition
    ;

fieldName
    : IDENT
    | SEVERITY
    | OWNER
    ;

// `business` is a natural calendar name, `assign` an SLA component and `hours` a
// unit, although all three are keywords elsewhere.
calendarName
    : IDENT
    | BUSINESS
    ;

componentName
    : IDENT
    | ASSIGN
    ;

unitName
    : IDENT
    | HOURS
    ;

// Values may be words that are keywords elsewhere (a `team` plan tier, a `page` channel); only
// words that would make a value list ambiguous are left out (`default` starts a route's default
// entry; `and`, `or`, `not`, `in` and the step and rule keywords continue a condition).
value
    : IDENT
    | STRING
    | INT
    | valueKeyword
    ;

valueKeyword
    : ANY | ASSIGN | BUSINESS | CALENDAR | ENGINEERING | ESCALATE | FIELDS | GROUP | HOLIDAY | HOURS
    | MONITOR | NEXT | NOTIFY | OWNER | OWNERS | PAGE | PAGING | PERSON | POLICY | REMIND | REQUIRE
    | ROLE | ROUTE | SEVERITY | SLA | STOP | TEAM | VERSION | ENTER
    ;

// ---------------------------------------------------------------- durations

duration
    : DURATION                                                  # compactDuration
    | amount=INT BUSINESS? unit=unitName (ON calendar=calendarName)? # wordDuration
    ;
