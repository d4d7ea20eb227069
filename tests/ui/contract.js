// Written by src-tauri/tests/shell/ui_contract.rs from the shell's real answers: do not edit.
// Each command's fields as paths (`a.b`, `list[].c`); a field without paths below it was null,
// empty or a plain value in the answer.
export const SHELL_FIELDS = {
  app_info: ["apiBase","commit","demo","historySetAside","keySet","notices","version"],
  creations_list: ["[].clipsFound","[].found","[].found[].durationMs","[].found[].idx","[].found[].score","[].found[].title","[].id","[].kind","[].message","[].name","[].note","[].problem","[].projectId","[].source","[].state"],
  demo_enter: ["apiBase","commit","demo","historySetAside","keySet","notices","version"],
  demo_projects: ["[].clipCount","[].kind","[].name","[].projectId","[].thumbnail"],
  export_preview: ["body","body.caption_display","body.cc_style_tpl","body.clip_indices","body.enable_ai_hook","body.enable_ai_reframe","body.enable_caption","body.project_id","body.ratio","body.resolution","summary","warnings"],
  exports_list: ["[].costUsage","[].createdAt","[].downloads","[].downloads[].bytesDone","[].downloads[].error","[].downloads[].errorKind","[].downloads[].exportId","[].downloads[].fileName","[].downloads[].id","[].downloads[].idx","[].downloads[].state","[].downloads[].total","[].downloads[].url","[].expireAt","[].id","[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.reframe","[].options.resolution","[].options.targetLang","[].phase","[].problem","[].projectId","[].projectName","[].request","[].request.caption_display","[].request.cc_style_tpl","[].request.clip_indices","[].request.enable_ai_hook","[].request.enable_ai_reframe","[].request.enable_caption","[].request.project_id","[].request.ratio","[].request.resolution","[].requestedClips","[].status","[].taskId","[].timelines","[].timelines[].format","[].timelines[].label","[].timelines[].name"],
  key_status: ["keychainAvailable","last4","set","source"],
  name_preview: ["fileName"],
  preset_save: ["[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.reframe","[].options.resolution","[].options.targetLang"],
  presets_list: ["[].name","[].options","[].options.captions","[].options.captions.display","[].options.captions.style","[].options.hook","[].options.reframe","[].options.resolution","[].options.targetLang"],
  project_create: ["cancelled","creation","creation.clipsFound","creation.found","creation.id","creation.kind","creation.message","creation.name","creation.note","creation.problem","creation.projectId","creation.source","creation.state"],
  project_open: ["clips","clips[].beginMs","clips[].desc","clips[].durationMs","clips[].endMs","clips[].idx","clips[].score","clips[].tags","clips[].thumbnail","clips[].title","kind","name","projectId","sourceDurationMs"],
  recent_projects: ["[].kind","[].name","[].openedAt","[].projectId"],
  settings_get: ["apiBase","autoTimelines","concurrency","demo","downloadDir","nameTemplate"],
  timeline_write: ["format","label","name","shownInFolder"]
};
