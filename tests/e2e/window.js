// The app window as a person uses it: find a control by its role and name or
// a field by its label, click, type, choose, read what is shown.

import { findByRole, findByText } from "./in-page.js";
import { eventually } from "./wait.js";

const call = (fn) => `return (${fn.toString()}).apply(null, arguments);`;

export class AppWindow {
  constructor(session) {
    this.session = session;
  }

  execute(script, ...args) {
    return this.session.execute(script, ...args);
  }

  /** All visible elements with that role and accessible name, right now. */
  async all(role, name, { exact = true, within = null } = {}) {
    return this.session.execute(call(findByRole), role, name, exact, within);
  }

  /** The one visible element with that role and name; waits for it to appear. */
  async get(role, name, { exact = true, within = null, timeout = 10_000 } = {}) {
    return eventually(
      async () => {
        const found = await this.all(role, name, { exact, within });
        if (found.length > 1) throw new Error(`${found.length} ${role}s named "${name}"`);
        return found[0];
      },
      { timeout, message: `no ${role} named "${name}" appeared` },
    );
  }

  /** Whether a visible element with that role and name exists now. */
  async has(role, name, options) {
    return (await this.all(role, name, options)).length > 0;
  }

  button(name, options) {
    return this.get("button", name, options);
  }

  async click(role, name, options) {
    const element = await this.get(role, name, options);
    await this.press(element);
    return element;
  }

  /**
   * Clicks `element` once it can be clicked: in place, still and uncovered. A
   * control that moves between WebDriver finding it and clicking it (the grid
   * laying out, a summary above it growing a line) takes the click somewhere
   * else without an error; a person would wait for it to settle too.
   */
  async press(element, { timeout = 5000 } = {}) {
    let before = null;
    await eventually(
      async () => {
        try {
          // As a person scrolls a control to the middle of the window before clicking it:
          // WebDriver's own scrolling brings it to an edge, where the sticky header or the
          // grid's toolbar can cover it.
          const place = await this.execute(
            // An <option> is clicked through its closed <select>, which is what sits on screen.
            `const el = arguments[0].closest("select") ?? arguments[0];
             el.scrollIntoView({ block: "center", inline: "nearest" });
             const r = el.getBoundingClientRect();
             const hit = el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
             return [r.x, r.y, r.width, r.height, hit].join(" ");`,
            element,
          );
          const still = place === before;
          before = place;
          if (!still || !place.endsWith("true")) return false;
          await element.click();
          return true;
        } catch (err) {
          if (["element not interactable", "element click intercepted"].includes(err.code)) return false;
          throw err;
        }
      },
      { timeout, message: "the element never became clickable" },
    );
  }

  clickButton(name, options) {
    return this.click("button", name, options);
  }

  /** The form control labelled `label`, whatever its role. */
  field(label, { timeout = 10_000 } = {}) {
    return eventually(
      async () => {
        for (const role of ["textbox", "combobox", "searchbox", "spinbutton", "switch", "checkbox"]) {
          const [found] = await this.all(role, label);
          if (found) return found;
        }
        return null;
      },
      { timeout, message: `no field labelled "${label}" appeared` },
    );
  }

  /** Replaces the text of the field labelled `label` by typing `text`. */
  async fill(label, text) {
    const field = await this.field(label);
    await field.clear();
    await field.sendKeys(text);
    return field;
  }

  /** Picks the option whose visible text is `optionText` (or contains it) in the list labelled `label`. */
  async choose(label, optionText) {
    const select = await this.field(label);
    const option = await this.execute(
      `const [select, text] = arguments;
       const options = [...select.options];
       return options.find((o) => o.textContent.trim() === text) ?? options.find((o) => o.textContent.includes(text)) ?? null;`,
      select,
      optionText,
    );
    if (!option) throw new Error(`"${label}" has no option "${optionText}"`);
    await this.press(option);
    await eventually(() => option.isSelected(), { message: `option "${optionText}" of "${label}" was not selected` });
    return select;
  }

  /** Turns the switch named `name` on or off by clicking it, as a person would. */
  async setSwitch(name, on) {
    const control = await this.get("switch", name);
    if ((await control.isSelected()) !== on) await this.press(control);
    await eventually(async () => (await control.isSelected()) === on, { message: `switch "${name}" did not turn ${on ? "on" : "off"}` });
  }

  /** The innermost visible element showing `text`; waits for it. */
  waitForText(text, { timeout = 10_000 } = {}) {
    return eventually(async () => (await this.session.execute(call(findByText), text))[0], {
      timeout,
      message: `"${text}" never appeared in the window`,
    });
  }

  async showsText(text) {
    return (await this.session.execute(call(findByText), text)).length > 0;
  }

  /** Everything the window shows as text. */
  visibleText() {
    return this.execute("return document.body.innerText;");
  }

  /** Waits until the page has started (or failed to start, which throws). */
  async waitUntilStarted({ timeout = 30_000 } = {}) {
    const state = await eventually(
      () =>
        this.execute(`
          if (document.body?.dataset.ready === "true") return "ready";
          const retry = document.getElementById("boot-retry");
          return retry && !retry.hidden ? "failed: " + document.getElementById("boot-text").textContent : null;`),
      { timeout, message: "the window never finished starting" },
    );
    if (state !== "ready") throw new Error(`the app could not start: ${state}`);
  }

  /** Goes to a section through the navigation: "Clips", "Exports" or "Settings". */
  async goTo(section) {
    const nav = await this.get("navigation", "Sections");
    // Not exact: "Exports" carries a count of exports in progress.
    const button = await this.get("button", section, { exact: false, within: nav });
    await this.press(button);
    await this.get("heading", section);
  }

  screenshot() {
    return this.session.screenshot();
  }
}
