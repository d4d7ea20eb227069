// Functions that run inside the app's page (sent as source through WebDriver's
// "execute script"). They find elements the way assistive technology and
// people do: by role and accessible name, by label, by visible text. A control
// that loses its label or role is then not found, so these tests guard
// accessibility as well as behaviour.

/**
 * The visible elements with `role` whose accessible name is `name`
 * (`exact`: equal after collapsing spaces; otherwise contained), inside
 * `within` when given.
 */
export function findByRole(role, name, exact, within) {
  const norm = (text) => (text ?? "").replace(/\s+/g, " ").trim();

  const visible = (el) => {
    if (el.closest("[hidden]") || el.closest("[aria-hidden='true']")) return false;
    const style = getComputedStyle(el);
    return el.getClientRects().length > 0 && style.visibility !== "hidden";
  };

  const roleOf = (el) => {
    const explicit = el.getAttribute("role");
    if (explicit) return explicit.trim().split(/\s+/)[0];
    const tag = el.localName;
    if (tag === "button" || tag === "summary") return "button";
    if (tag === "a" && el.hasAttribute("href")) return "link";
    if (/^h[1-6]$/.test(tag)) return "heading";
    if (tag === "select") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "option") return "option";
    if (tag === "textarea") return "textbox";
    if (tag === "progress") return "progressbar";
    if (tag === "nav") return "navigation";
    if (tag === "li") return "listitem";
    if (tag === "ul" || tag === "ol") return "list";
    if (tag === "section" && (el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-label"))) return "region";
    if (tag === "form" && (el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-label"))) return "form";
    if (tag === "input") {
      const type = el.type;
      if (["button", "submit", "reset"].includes(type)) return "button";
      if (type === "checkbox") return "checkbox";
      if (type === "radio") return "radio";
      if (type === "search") return "searchbox";
      if (type === "number") return "spinbutton";
      // Password fields have no ARIA role; people still call them text boxes.
      if (["text", "password", "email", "url", "tel"].includes(type)) return "textbox";
    }
    return null;
  };

  // Text as read aloud: hidden subtrees left out, visually-hidden text kept.
  const textOf = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return "";
    if (node.hidden || node.getAttribute("aria-hidden") === "true") return "";
    if (["select", "script", "style", "template"].includes(node.localName)) return "";
    return [...node.childNodes].map(textOf).join("");
  };

  const nameOf = (el) => {
    const labelledBy = el.getAttribute("aria-labelledby");
    if (labelledBy) {
      return norm(labelledBy.split(/\s+/).map((id) => {
        const part = document.getElementById(id);
        return part ? textOf(part) || part.textContent : "";
      }).join(" "));
    }
    const aria = el.getAttribute("aria-label");
    if (aria) return norm(aria);
    if (el.labels && el.labels.length > 0) return norm([...el.labels].map(textOf).join(" "));
    if (el.localName === "input" && ["button", "submit", "reset"].includes(el.type)) return norm(el.value);
    if (el.localName === "img") return norm(el.alt);
    if (["fieldset"].includes(el.localName)) return norm(el.querySelector("legend")?.textContent);
    return norm(textOf(el)) || norm(el.title);
  };

  const wanted = norm(name);
  return [...(within ?? document).querySelectorAll("*")].filter((el) => {
    if (roleOf(el) !== role || !visible(el)) return false;
    const actual = nameOf(el);
    return exact ? actual === wanted : actual.includes(wanted);
  });
}

/**
 * The innermost visible elements whose text contains `text` (spaces collapsed).
 * Innermost: an element none of whose element children also contains it.
 */
export function findByText(text) {
  const norm = (value) => (value ?? "").replace(/\s+/g, " ").trim();
  const wanted = norm(text);
  const visible = (el) => {
    if (el.closest("[hidden]")) return false;
    return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  };
  const contains = (el) => norm(el.textContent).includes(wanted);
  return [...document.body.querySelectorAll("*")].filter(
    (el) =>
      !["script", "style", "template"].includes(el.localName) &&
      contains(el) &&
      visible(el) &&
      ![...el.children].some(contains),
  );
}
