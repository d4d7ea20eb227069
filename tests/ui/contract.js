// Written by src-tauri/tests/shell/ui_contract.rs from the shell's real answers: do not edit.
// Each command's fields as paths (`a.b`, `list[].c`); a field without paths below it was null,
// empty or a plain value in the answer.
export const SHELL_FIELDS = {
  app_info: ["apiBase","commit","demo","historySetAside","keySet","notices","version"],
  creation_cancel: ["clipsFound","found","id","kind","message","name","note","problem","projectId","source","state"],
  creations_list: ["[].clipsFound","[].found","[].found[].durationMs","[].found[].idx","[].found[].score","[].found[].title","[].id","[].kind","[].message","[].name","[].note","[].problem","[].projectId","[].source","[].state"],
  demo_enter: ["apiBase","commit","demo","historySetAside","keySet","notices","version"],
  demo_leave: ["apiBase","commit","demo","historySetAside","keySet","notices","version"],
  demo_projects: ["[].clipCount","[].kind","[].name","[].projectId","[].thumbnail"],
  download_open: [],
  download_reveal: [],
  export_preview: ["body","body.caption_display","body.cc_style_tpl","body.clip_indices","body.enable_ai_hook","body.enable_ai_reframe","body.enable_caption","body.project_id","body.ratio","body.resolution","summary","warnings"],
  export_submit: ["costUsage","createdAt","downloads","expireAt","id","name","options","options.captions","options.captions.display","options.captions.style","options.hook","options.hook.durationMs","options.hook.keywords","options.hook.position","options.hook.style","options.reframe","options.resolution","options.targetLang","phase","problem","projectId","projectName","request","request.ai_hook_keywords","request.ai_hook_position","request.ai_hook_script_style","request.ai_hook_text_duration","request.caption_display","request.cc_style_tpl","request.clip_indices","request.enable_ai_hook","request.enable_ai_reframe","request.enable_caption","request.project_id","request.ratio","request.resolution","request.target_lang","requestedClips","status","taskId","timelines"],
  exports_list: ["[].costUsage","[].createdAt","[].downloads","[].downloads[].bytesDone","[].downloads[].error","[].downloads[].errorKind","[].downloads[].exportId","[].downloads[].fileName","[].downloads[].id","[].downloads[].idx","[].downloads[].state","[].downloads[].total","[].downloads[].url","[].expireAt","[].id","[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.hook.durationMs","[].options.hook.keywords","[].options.hook.position","[].options.hook.style","[].options.reframe","[].options.resolution","[].options.targetLang","[].phase","[].problem","[].problem.kind","[].problem.message","[].projectId","[].projectName","[].request","[].request.ai_hook_keywords","[].request.ai_hook_position","[].request.ai_hook_script_style","[].request.ai_hook_text_duration","[].request.caption_display","[].request.cc_style_tpl","[].request.clip_indices","[].request.enable_ai_hook","[].request.enable_ai_reframe","[].request.enable_caption","[].request.project_id","[].request.ratio","[].request.resolution","[].request.target_lang","[].requestedClips","[].status","[].taskId","[].timelines","[].timelines[].format","[].timelines[].label","[].timelines[].name"],
  key_delete: ["keychainAvailable","last4","set","source"],
  key_save: ["keychainAvailable","last4","set","source"],
  key_status: ["keychainAvailable","last4","set","source"],
  key_verify: ["ok"],
  name_preview: ["fileName"],
  preset_delete: ["[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.reframe","[].options.resolution","[].options.targetLang"],
  preset_save: ["[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.hook.durationMs","[].options.hook.keywords","[].options.hook.position","[].options.hook.style","[].options.reframe","[].options.resolution","[].options.targetLang"],
  presets_list: ["[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.reframe","[].options.resolution","[].options.targetLang"],
  project_create: ["cancelled","creation","creation.clipsFound","creation.found","creation.id","creation.kind","creation.message","creation.name","creation.note","creation.problem","creation.projectId","creation.source","creation.state"],
  project_open: ["clips","clips[].beginMs","clips[].desc","clips[].durationMs","clips[].endMs","clips[].idx","clips[].score","clips[].tags","clips[].thumbnail","clips[].title","kind","name","projectId","sourceDurationMs"],
  recent_projects: ["[].kind","[].name","[].openedAt","[].projectId"],
  selects_write: ["cancelled","files","files[].format","files[].label","files[].name","shownInFolder","skipped","sourceMoved"],
  settings_choose_folder: ["apiBase","autoTimelines","checkUpdates","concurrency","demo","downloadDir","nameTemplate"],
  settings_get: ["apiBase","autoTimelines","checkUpdates","concurrency","demo","downloadDir","nameTemplate"],
  settings_set: ["apiBase","autoTimelines","checkUpdates","concurrency","demo","downloadDir","nameTemplate"],
  timeline_write: ["format","label","name","shownInFolder"],
  update_check: ["checked","offer","offer.current","offer.date","offer.downloadPage","offer.installsItself","offer.notes","offer.version","problem"]
};

/** Each event's fields, by its `type`. */
export const SHELL_EVENT_FIELDS = {
  creation_updated: ["creation","creation.clipsFound","creation.found","creation.found[].durationMs","creation.found[].idx","creation.found[].score","creation.found[].title","creation.id","creation.kind","creation.message","creation.name","creation.note","creation.problem","creation.projectId","creation.source","creation.state","type"],
  download_changed: ["download","download.bytesDone","download.error","download.errorKind","download.exportId","download.fileName","download.id","download.idx","download.state","download.total","download.url","type"],
  download_progress: ["bytesDone","bytesPerSec","downloadId","etaSecs","exportId","idx","total","type"],
  export_updated: ["export","export.costUsage","export.createdAt","export.downloads","export.downloads[].bytesDone","export.downloads[].error","export.downloads[].errorKind","export.downloads[].exportId","export.downloads[].fileName","export.downloads[].id","export.downloads[].idx","export.downloads[].state","export.downloads[].total","export.downloads[].url","export.expireAt","export.id","export.name","export.options","export.options.captions","export.options.hook","export.options.reframe","export.options.resolution","export.options.targetLang","export.phase","export.problem","export.projectId","export.projectName","export.request","export.request.caption_display","export.request.cc_style_tpl","export.request.clip_indices","export.request.enable_ai_hook","export.request.enable_ai_reframe","export.request.enable_caption","export.request.project_id","export.request.ratio","export.request.resolution","export.requestedClips","export.status","export.taskId","export.timelines","type"],
  poll_failed: ["exportId","kind","message","type"],
  upload_progress: ["bytesDone","bytesPerSec","creationId","etaSecs","total","type"],
  video_dropped: ["name","type"]
};
