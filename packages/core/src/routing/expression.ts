import { Either } from 'effect'

/**
 * The routing rule language: a condition over the call's and an agent's attributes.
 *
 *   expr     := and ( "or" and )*
 *   and      := not ( "and" not )*
 *   not      := "not" not | compare
 *   compare  := operand ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" | "has" | "in" ) operand )?
 *   operand  := string | number | "true" | "false" | path | "[" ( operand ( "," operand )* )? "]" | "(" expr ")"
 *   path     := "call." name | "agent.id" | "agent.name" | "agent.languages" | "agent.skills" | "agent.skills." name
 *   string   := '"' ( any character but '"' and '\', or '\"', or '\\' )* '"'
 *   number   := digits ( "." digits )?
 *
 * Meaning: `==` holds when both sides are present and equal (`!=` is its negation); `<` `<=` `>` `>=`
 * compare numbers only (anything else: false); `x has y` holds when the list, the skill set or the
 * comma-separated text `x` contains `y`, and `y in x` is the same; a value is true in a condition only
 * if it is the boolean `true`. A call attribute that is not there, or a skill the agent lacks, is
 * absent: it equals nothing. Example: `agent.skills has "welsh" and agent.languages has call.language`.
 */
export type Expression =
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'list'; readonly items: ReadonlyArray<Expression> }
  | { readonly kind: 'path'; readonly root: 'call' | 'agent'; readonly name: ReadonlyArray<string> }
  | { readonly kind: 'not'; readonly operand: Expression }
  | { readonly kind: 'and' | 'or'; readonly left: Expression; readonly right: Expression }
  | {
      readonly kind: 'compare'
      readonly op: CompareOp
      readonly left: Expression
      readonly right: Expression
    }

export const compareOps = ['==', '!=', '<=', '>=', '<', '>', 'has', 'in'] as const
export type CompareOp = (typeof compareOps)[number]

/** Why a text is not an expression: what was expected, and where (0-based character offset). */
export interface SyntaxProblem {
  readonly position: number
  readonly message: string
}

type Token =
  | { readonly type: 'string'; readonly value: string; readonly at: number }
  | { readonly type: 'number'; readonly value: number; readonly at: number }
  | { readonly type: 'word'; readonly value: string; readonly at: number }
  | { readonly type: 'symbol'; readonly value: string; readonly at: number }
  | { readonly type: 'end'; readonly at: number }

class Problem extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message)
  }
}

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (/\s/.test(c)) {
      i++
    } else if (c === '"') {
      const start = i
      let value = ''
      i++
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') {
          const next = text[i + 1]
          if (next !== '"' && next !== '\\')
            throw new Problem(i, 'only \\" and \\\\ may follow \\ in a string')
          value += next
          i += 2
        } else {
          value += text[i]
          i++
        }
      }
      if (i >= text.length) throw new Problem(start, 'this string is not closed with "')
      i++
      tokens.push({ type: 'string', value, at: start })
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i)) as RegExpExecArray
      tokens.push({ type: 'number', value: Number(match[0]), at: i })
      i += match[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i)) as RegExpExecArray
      tokens.push({ type: 'word', value: match[0], at: i })
      i += match[0].length
    } else {
      const two = text.slice(i, i + 2)
      if (['==', '!=', '<=', '>='].includes(two)) {
        tokens.push({ type: 'symbol', value: two, at: i })
        i += 2
      } else if ('<>()[],.'.includes(c)) {
        tokens.push({ type: 'symbol', value: c, at: i })
        i++
      } else {
        throw new Problem(
          i,
          `"${c}" is not part of the rule language (use and, or, not, ==, !=, <, >, has, in)`,
        )
      }
    }
  }
  tokens.push({ type: 'end', at: text.length })
  return tokens
}

const agentFields = ['id', 'name', 'languages', 'skills'] as const
const describe = (token: Token) =>
  token.type === 'end' ? 'the end' : token.type === 'string' ? `"${token.value}"` : `"${token.value}"`

const parseTokens = (tokens: Token[]): Expression => {
  let at = 0
  const peek = () => tokens[at] as Token
  const isWord = (value: string) => peek().type === 'word' && (peek() as { value: string }).value === value
  const isSymbol = (value: string) =>
    peek().type === 'symbol' && (peek() as { value: string }).value === value
  const expect = (value: string) => {
    if (!isSymbol(value)) throw new Problem(peek().at, `expected "${value}" but found ${describe(peek())}`)
    at++
  }

  const name = (): string => {
    const token = peek()
    if (token.type !== 'word')
      throw new Problem(token.at, `expected a name after "." but found ${describe(token)}`)
    at++
    return token.value
  }

  const path = (root: 'call' | 'agent', start: number): Expression => {
    if (!isSymbol('.')) throw new Problem(peek().at, `expected "." after ${root} (as in ${root}.language)`)
    at++
    const first = name()
    if (root === 'call') return { kind: 'path', root, name: [first] }
    if (!(agentFields as ReadonlyArray<string>).includes(first))
      throw new Problem(start, `agent.${first} is not a field; an agent has ${agentFields.join(', ')}`)
    if (first === 'skills' && isSymbol('.')) {
      at++
      return { kind: 'path', root, name: ['skills', name()] }
    }
    return { kind: 'path', root, name: [first] }
  }

  const operand = (): Expression => {
    const token = peek()
    if (token.type === 'string' || token.type === 'number') {
      at++
      return { kind: 'literal', value: token.value }
    }
    if (token.type === 'word') {
      if (token.value === 'true' || token.value === 'false') {
        at++
        return { kind: 'literal', value: token.value === 'true' }
      }
      if (token.value === 'call' || token.value === 'agent') {
        at++
        return path(token.value, token.at)
      }
      throw new Problem(token.at, `"${token.value}" is not known: start a field with call. or agent.`)
    }
    if (isSymbol('(')) {
      at++
      const inner = or()
      expect(')')
      return inner
    }
    if (isSymbol('[')) {
      at++
      const items: Expression[] = []
      if (!isSymbol(']')) {
        items.push(operand())
        while (isSymbol(',')) {
          at++
          items.push(operand())
        }
      }
      expect(']')
      return { kind: 'list', items }
    }
    throw new Problem(
      token.at,
      `expected a value (a field, "text", a number, true, false, [list]) but found ${describe(token)}`,
    )
  }

  const compare = (): Expression => {
    const left = operand()
    const token = peek()
    const op =
      token.type === 'symbol' || token.type === 'word'
        ? compareOps.find((candidate) => candidate === token.value)
        : undefined
    if (op === undefined) return left
    at++
    return { kind: 'compare', op, left, right: operand() }
  }

  const not = (): Expression => {
    if (isWord('not')) {
      at++
      return { kind: 'not', operand: not() }
    }
    return compare()
  }

  const binary = (kind: 'and' | 'or', next: () => Expression) => (): Expression => {
    let left = next()
    while (isWord(kind)) {
      at++
      left = { kind, left, right: next() }
    }
    return left
  }
  const and = binary('and', not)
  const or: () => Expression = binary('or', and)

  const expression = or()
  if (peek().type !== 'end')
    throw new Problem(peek().at, `expected and, or or the end but found ${describe(peek())}`)
  return expression
}

/** Parses a rule expression, or says what is wrong and where. */
export const parseExpression = (text: string): Either.Either<Expression, SyntaxProblem> => {
  try {
    return Either.right(parseTokens(tokenize(text)))
  } catch (error) {
    if (error instanceof Problem) return Either.left({ position: error.position, message: error.message })
    throw error
  }
}

const quote = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`

/** Writes an expression back as text that parses to the same expression (fully parenthesised). */
export const printExpression = (expression: Expression): string => {
  switch (expression.kind) {
    case 'literal':
      return typeof expression.value === 'string' ? quote(expression.value) : String(expression.value)
    case 'list':
      return `[${expression.items.map(printExpression).join(', ')}]`
    case 'path':
      return [expression.root, ...expression.name].join('.')
    case 'not':
      return `not (${printExpression(expression.operand)})`
    case 'and':
    case 'or':
    case 'compare':
      return `(${printExpression(expression.left)} ${expression.kind === 'compare' ? expression.op : expression.kind} ${printExpression(expression.right)})`
  }
}

/** What a rule sees of an agent. */
export interface RuleAgent {
  readonly id: string
  readonly name: string
  readonly skills: Readonly<Record<string, number>>
  readonly languages: ReadonlyArray<string>
}

/** What a rule sees of the call and of one agent. */
export interface RuleScope {
  readonly call: Readonly<Record<string, string | number | boolean>>
  readonly agent: RuleAgent
}

type Value =
  | string
  | number
  | boolean
  | null
  | { readonly list: ReadonlyArray<Value> }
  | { readonly skills: Readonly<Record<string, number>> }

const read = (expression: Expression, scope: RuleScope): Value => {
  switch (expression.kind) {
    case 'literal':
      return expression.value
    case 'list':
      return { list: expression.items.map((item) => read(item, scope)) }
    case 'path': {
      const [first, second] = expression.name as [string, string | undefined]
      if (expression.root === 'call')
        return Object.hasOwn(scope.call, first) ? (scope.call[first] ?? null) : null
      if (first === 'skills')
        return second === undefined
          ? { skills: scope.agent.skills }
          : Object.hasOwn(scope.agent.skills, second)
            ? (scope.agent.skills[second] ?? null)
            : null
      if (first === 'languages') return { list: scope.agent.languages }
      return first === 'id' ? scope.agent.id : scope.agent.name
    }
    default:
      return holds(expression, scope)
  }
}

const same = (a: Value, b: Value) =>
  a !== null && b !== null && typeof a !== 'object' && typeof b !== 'object' && a === b

const contains = (collection: Value, item: Value): boolean => {
  if (item === null || typeof item === 'object') return false
  if (typeof collection === 'string')
    return collection
      .split(',')
      .map((part) => part.trim())
      .some((part) => part === item)
  if (collection === null || typeof collection !== 'object') return false
  if ('list' in collection) return collection.list.some((member) => same(member, item))
  return typeof item === 'string' && Object.hasOwn(collection.skills, item)
}

const compare = (op: CompareOp, left: Value, right: Value): boolean => {
  switch (op) {
    case '==':
      return same(left, right)
    case '!=':
      return !same(left, right)
    case 'has':
      return contains(left, right)
    case 'in':
      return contains(right, left)
    default:
      if (typeof left !== 'number' || typeof right !== 'number') return false
      return op === '<'
        ? left < right
        : op === '<='
          ? left <= right
          : op === '>'
            ? left > right
            : left >= right
  }
}

/** Whether the expression holds for this call and agent. */
export const holds = (expression: Expression, scope: RuleScope): boolean => {
  switch (expression.kind) {
    case 'not':
      return !holds(expression.operand, scope)
    case 'and':
      return holds(expression.left, scope) && holds(expression.right, scope)
    case 'or':
      return holds(expression.left, scope) || holds(expression.right, scope)
    case 'compare':
      return compare(expression.op, read(expression.left, scope), read(expression.right, scope))
    default:
      return read(expression, scope) === true
  }
}
