// @ts-check
// Entry point: the page's only script.

import { start } from "./app.js";
import { byId } from "./dom.js";

byId("boot-retry").addEventListener("click", start);
start();
