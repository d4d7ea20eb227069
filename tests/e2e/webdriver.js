// A small client of the W3C WebDriver HTTP API (what tauri-driver speaks),
// on Node's own fetch: sessions, elements, scripts and screenshots.

/** The key under which WebDriver names an element in JSON (W3C WebDriver, "web element identifier"). */
const ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

export class WebDriverError extends Error {
  constructor(code, message, command) {
    super(`${command}: ${code}: ${message}`);
    this.code = code;
  }
}

async function call(base, method, path, body) {
  const command = `${method} ${path}`;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError("invalid response", `HTTP ${response.status}: ${text.slice(0, 300)}`, command);
  }
  if (!response.ok || json?.value?.error) {
    const { error = `HTTP ${response.status}`, message = text } = json?.value ?? {};
    throw new WebDriverError(error, message, command);
  }
  return json.value;
}

/** Opens a session: with tauri-driver, this starts the app. */
export async function newSession(base, capabilities) {
  const value = await call(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
  return new Session(base, value.sessionId);
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  request(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Runs `script` (a function body) in the page; element arguments and results cross as Elements. */
  async execute(script, ...args) {
    const value = await this.request("POST", "/execute/sync", { script, args: args.map(toWire) });
    return fromWire(this, value);
  }

  /** Like execute, for a script that ends by calling its last argument (the callback) with the result. */
  async executeAsync(script, ...args) {
    const value = await this.request("POST", "/execute/async", { script, args: args.map(toWire) });
    return fromWire(this, value);
  }

  async find(using, value) {
    return new Element(this, (await this.request("POST", "/element", { using, value }))[ELEMENT_KEY]);
  }

  async findAll(using, value) {
    const found = await this.request("POST", "/elements", { using, value });
    return found.map((ref) => new Element(this, ref[ELEMENT_KEY]));
  }

  title() {
    return this.request("GET", "/title");
  }

  /** The window's viewport as PNG bytes. */
  async screenshot() {
    return Buffer.from(await this.request("GET", "/screenshot"), "base64");
  }

  setWindowRect(rect) {
    return this.request("POST", "/window/rect", rect);
  }

  /** Ends the session, which closes the app. */
  delete() {
    return call(this.base, "DELETE", `/session/${this.id}`);
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  request(method, path, body) {
    return this.session.request(method, `/element/${this.id}${path}`, body);
  }

  /** A real click: WebDriver scrolls the element into view and refuses one that is hidden or covered. */
  click() {
    return this.request("POST", "/click", {});
  }

  /** Types `text` as key presses into the element, after focusing it. */
  sendKeys(text) {
    return this.request("POST", "/value", { text });
  }

  clear() {
    return this.request("POST", "/clear", {});
  }

  /** The rendered text, as a person sees it. */
  text() {
    return this.request("GET", "/text");
  }

  attribute(name) {
    return this.request("GET", `/attribute/${encodeURIComponent(name)}`);
  }

  property(name) {
    return this.request("GET", `/property/${encodeURIComponent(name)}`);
  }

  isDisplayed() {
    return this.request("GET", "/displayed");
  }

  isSelected() {
    return this.request("GET", "/selected");
  }

  isEnabled() {
    return this.request("GET", "/enabled");
  }

  async find(using, value) {
    return new Element(this.session, (await this.request("POST", "/element", { using, value }))[ELEMENT_KEY]);
  }
}

function toWire(value) {
  if (value instanceof Element) return { [ELEMENT_KEY]: value.id };
  if (Array.isArray(value)) return value.map(toWire);
  return value;
}

function fromWire(session, value) {
  if (Array.isArray(value)) return value.map((item) => fromWire(session, item));
  if (value && typeof value === "object") {
    if (typeof value[ELEMENT_KEY] === "string") return new Element(session, value[ELEMENT_KEY]);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromWire(session, item)]));
  }
  return value;
}
