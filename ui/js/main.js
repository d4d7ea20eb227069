import { invoke } from "./ipc.js";

const $ = (id) => document.getElementById(id);

function showInfo(info) {
  $("app-version").textContent = `v${info.version}`;
  $("api-base").textContent = info.api_base;
  $("key-state").textContent = info.key_set ? "Set" : "Not set";
  $("mode").textContent = info.demo ? "Demo" : "WayinVideo API";
  $("demo-badge").hidden = !info.demo;
  $("demo-note").hidden = !info.demo;
  $("demo-base").textContent = info.demo ? info.api_base : "";
  document.body.classList.toggle("is-demo", info.demo);
}

function showError(err) {
  const status = $("status");
  status.textContent = err.message;
  status.classList.add("is-error");
}

async function start() {
  try {
    showInfo(await invoke("app_info"));
  } catch (err) {
    showError(err);
  }
}

start();
