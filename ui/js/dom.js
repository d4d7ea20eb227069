// @ts-check
// Small DOM helpers; the views build nodes once and then only patch them.

/**
 * The page's elements are known by id from index.html, each of its own kind (input,
 * select, template…); `any` spares every caller a cast.
 * @param {string} id
 * @returns {any}
 */
export const byId = (id) => document.getElementById(id);

/**
 * Creates an element: `h("button", { class: "x", onclick }, "text", child)`.
 * @param {string} tag
 * @param {Record<string, any>} [props]
 * @param {...any} children
 * @returns {any}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      el.className = value;
    } else if (name === "text") {
      el.textContent = value;
    } else if (name in el && typeof value !== "string") {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? "" : value);
    }
  }
  el.append(...children.flat().filter((child) => child != null && child !== false));
  return el;
}

/**
 * A fresh copy of a `<template>`'s first element.
 * @param {string} id
 * @returns {any}
 */
export function fromTemplate(id) {
  return byId(id).content.firstElementChild.cloneNode(true);
}

/** Shows `message` in a field-error element (or hides it when empty). */
export function showFieldError(el, message) {
  el.textContent = message ?? "";
  el.hidden = !message;
  const field = el.id && document.querySelector(`[aria-describedby~="${el.id}"]`);
  if (field) field.toggleAttribute("aria-invalid", Boolean(message));
}

/** Sets text only when it changed, so 10 progress updates a second stay cheap. */
export function setText(el, text) {
  const next = text ?? "";
  if (el.textContent !== next) el.textContent = next;
}

/** Visible text plus a hidden tail for screen readers: "Cancel" + " clip.mp4". */
export function labelWithContext(button, visible, context) {
  button.replaceChildren(visible, h("span", { class: "visually-hidden", text: ` ${context}` }));
}
