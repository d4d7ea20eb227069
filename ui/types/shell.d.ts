// Written by src-tauri/tests/shell/ui_contract.rs from the shell's real answers and events:
// do not edit. A field only ever seen as null, or a list only ever empty, is `any`: no answer
// showed its shape. Whether a field may be null is not recorded.

/** What each command answers. */
export interface Answers {
  app_info: {
    apiBase: string;
    commit: string;
    demo: boolean;
    historySetAside: any;
    keySet: boolean;
    notices: Array<any>;
    version: string;
  };
  demo_enter: {
    apiBase: string;
    commit: string;
    demo: boolean;
    historySetAside: any;
    keySet: boolean;
    notices: Array<any>;
    version: string;
  };
  demo_leave: {
    apiBase: string;
    commit: string;
    demo: boolean;
    historySetAside: any;
    keySet: boolean;
    notices: Array<any>;
    version: string;
  };
  key_status: {
    keychainAvailable: boolean;
    last4: string;
    set: boolean;
    source: string;
  };
  key_save: {
    keychainAvailable: boolean;
    last4: string;
    set: boolean;
    source: string;
  };
  key_verify: {
    ok: boolean;
  };
  key_delete: {
    keychainAvailable: boolean;
    last4: any;
    set: boolean;
    source: any;
  };
  project_open: {
    clips: Array<{
      beginMs: number;
      desc: string;
      durationMs: number;
      endMs: number;
      idx: number;
      score: number;
      tags: Array<string>;
      thumbnail: string;
      title: string;
    }>;
    kind: string;
    name: string;
    projectId: string;
    sourceDurationMs: number;
  };
  recent_projects: Array<{
    kind: string;
    name: string;
    openedAt: number;
    projectId: string;
  }>;
  demo_projects: Array<{
    clipCount: number;
    kind: string;
    name: string;
    projectId: string;
    thumbnail: string;
  }>;
  project_create: {
    cancelled: boolean;
    creation: {
      clipsFound: number;
      found: Array<any>;
      id: number;
      kind: string;
      message: any;
      name: string;
      note: any;
      problem: any;
      projectId: any;
      source: string;
      state: string;
    };
  };
  creations_list: Array<{
    clipsFound: number;
    found: Array<{
      durationMs: number;
      idx: number;
      score: number;
      title: string;
    }>;
    id: number;
    kind: string;
    message: string;
    name: string;
    note: any;
    problem: string;
    projectId: string;
    source: string;
    state: string;
  }>;
  creation_cancel: {
    clipsFound: number;
    found: Array<any>;
    id: number;
    kind: string;
    message: any;
    name: any;
    note: any;
    problem: any;
    projectId: any;
    source: string;
    state: string;
  };
  export_preview: {
    body: {
      caption_display: string;
      cc_style_tpl: string;
      clip_indices: Array<number>;
      enable_ai_hook: boolean;
      enable_ai_reframe: boolean;
      enable_caption: boolean;
      project_id: string;
      ratio: string;
      resolution: string;
    };
    summary: string;
    warnings: Array<any>;
  };
  export_submit: {
    costUsage: any;
    createdAt: number;
    downloads: Array<any>;
    expireAt: any;
    id: number;
    name: string;
    options: {
      captions: {
        display: string;
        style: string;
      };
      hook: {
        durationMs: number;
        keywords: string;
        position: string;
        style: string;
      };
      reframe: string;
      resolution: string;
      targetLang: string;
    };
    phase: string;
    problem: any;
    projectId: string;
    projectName: string;
    request: {
      ai_hook_keywords?: string;
      ai_hook_position?: string;
      ai_hook_script_style?: string;
      ai_hook_text_duration?: number;
      caption_display: string;
      cc_style_tpl?: string;
      clip_indices: Array<number>;
      enable_ai_hook: boolean;
      enable_ai_reframe: boolean;
      enable_caption: boolean;
      project_id: string;
      ratio: string;
      resolution: string;
      target_lang?: string;
    };
    requestedClips: Array<number>;
    status: string;
    taskId: string;
    timelines: Array<any>;
  };
  exports_list: Array<{
    costUsage: number;
    createdAt: number;
    downloads: Array<{
      bytesDone: number;
      error: any;
      errorKind: any;
      exportId: number;
      fileName: string;
      id: number;
      idx: number;
      state: string;
      total: number;
      url: string;
    }>;
    expireAt: number;
    id: number;
    name: string;
    options: {
      captions: {
        display: string;
        style: string;
      };
      hook: {
        durationMs: number;
        keywords: string;
        position: string;
        style: string;
      };
      reframe: string;
      resolution: string;
      targetLang: string;
    };
    phase: string;
    problem: {
      kind: string;
      message: string;
    };
    projectId: string;
    projectName: string;
    request: {
      ai_hook_keywords?: string;
      ai_hook_position?: string;
      ai_hook_script_style?: string;
      ai_hook_text_duration?: number;
      caption_display: string;
      cc_style_tpl?: string;
      clip_indices: Array<number>;
      enable_ai_hook: boolean;
      enable_ai_reframe: boolean;
      enable_caption: boolean;
      project_id: string;
      ratio: string;
      resolution: string;
      target_lang?: string;
    };
    requestedClips: Array<number>;
    status: string;
    taskId: string;
    timelines: Array<{
      format: string;
      label: string;
      name: string;
    }>;
  }>;
  exports_watch: unknown;
  download_cancel: unknown;
  download_retry: unknown;
  download_reveal: null;
  download_open: null;
  download_drag: unknown;
  timeline_write: {
    format: string;
    label: string;
    name: string;
    shownInFolder: boolean;
  };
  timeline_drag: unknown;
  export_drag_all: unknown;
  selects_write: {
    cancelled: boolean;
    files: Array<{
      format: string;
      label: string;
      name: string;
    }>;
    shownInFolder: boolean;
    skipped: Array<any>;
    sourceMoved: any;
  };
  settings_get: {
    apiBase: string;
    autoTimelines: Array<any>;
    checkUpdates: boolean;
    concurrency: number;
    demo: boolean;
    downloadDir: string;
    nameTemplate: string;
  };
  settings_set: {
    apiBase: string;
    autoTimelines: Array<any>;
    checkUpdates: boolean;
    concurrency: number;
    demo: boolean;
    downloadDir: string;
    nameTemplate: string;
  };
  settings_choose_folder: {
    apiBase: string;
    autoTimelines: Array<any>;
    checkUpdates: boolean;
    concurrency: number;
    demo: boolean;
    downloadDir: string;
    nameTemplate: string;
  };
  name_preview: {
    fileName: string;
  };
  presets_list: Array<{
    name: string;
    options: {
      captions: {
        display: string;
        style: string;
      };
      hook: any;
      reframe: string;
      resolution: string;
      targetLang: any;
    };
  }>;
  preset_save: Array<{
    name: string;
    options: {
      captions: {
        display: string;
        style: string;
      };
      hook: {
        durationMs: number;
        keywords: string;
        position: string;
        style: string;
      };
      reframe: string;
      resolution: string;
      targetLang: string;
    };
  }>;
  preset_delete: Array<{
    name: string;
    options: {
      captions: {
        display: string;
        style: string;
      };
      hook: any;
      reframe: string;
      resolution: string;
      targetLang: any;
    };
  }>;
  catalog: {
    captionDisplays: Array<{
      label: string;
      value: string;
    }>;
    captionStyles: Array<{
      id: string;
      static: boolean;
    }>;
    clipLengths: Array<{
      label: string;
      value: string;
    }>;
    defaults: {
      captionStyle: string;
      clipLength: string;
      concurrency: number;
      hookPosition: string;
      hookStyle: string;
      nameTemplate: string;
      resolution: string;
    };
    errorKinds: Array<string>;
    hookPositions: Array<{
      label: string;
      value: string;
    }>;
    hookStyles: Array<string>;
    languages: Array<{
      code: string;
      name: string;
    }>;
    limits: {
      maxClips: number;
      maxConcurrency: number;
      maxQueryChars: number;
      maxUploadBytes: number;
      videoExtensions: Array<string>;
    };
    phases: Array<string>;
    ratios: Array<{
      label: string;
      value: string;
    }>;
    resolutions: Array<{
      label: string;
      value: string;
    }>;
    timelineFormats: Array<{
      extension: string;
      id: string;
      label: string;
      shortLabel: string;
    }>;
  };
  update_check: {
    checked: boolean;
    offer: {
      current: string;
      date: string;
      downloadPage: string;
      installsItself: boolean;
      notes: string;
      version: string;
    };
    problem: any;
  };
  update_install: unknown;
  update_download_page: unknown;
}

/** The events `exports_watch` sends, by their `type`. */
export interface Events {
  creation_updated: {
    creation: {
      clipsFound: number;
      found: Array<{
        durationMs: number;
        idx: number;
        score: number;
        title: string;
      }>;
      id: number;
      kind: string;
      message: any;
      name: string;
      note: any;
      problem: any;
      projectId: string;
      source: string;
      state: string;
    };
    type: "creation_updated";
  };
  download_changed: {
    download: {
      bytesDone: number;
      error: any;
      errorKind: any;
      exportId: number;
      fileName: string;
      id: number;
      idx: number;
      state: string;
      total: number;
      url: string;
    };
    type: "download_changed";
  };
  download_progress: {
    bytesDone: number;
    bytesPerSec: number;
    downloadId: number;
    etaSecs: number;
    exportId: number;
    idx: number;
    total: number;
    type: "download_progress";
  };
  export_updated: {
    export: {
      costUsage: number;
      createdAt: number;
      downloads: Array<{
        bytesDone: number;
        error: any;
        errorKind: any;
        exportId: number;
        fileName: string;
        id: number;
        idx: number;
        state: string;
        total: number;
        url: string;
      }>;
      expireAt: number;
      id: number;
      name: string;
      options: {
        captions: {
          display: string;
          style: string;
        };
        hook: any;
        reframe: string;
        resolution: string;
        targetLang: any;
      };
      phase: string;
      problem: any;
      projectId: string;
      projectName: string;
      request: {
        caption_display: string;
        cc_style_tpl: string;
        clip_indices: Array<number>;
        enable_ai_hook: boolean;
        enable_ai_reframe: boolean;
        enable_caption: boolean;
        project_id: string;
        ratio: string;
        resolution: string;
      };
      requestedClips: Array<number>;
      status: string;
      taskId: string;
      timelines: Array<any>;
    };
    type: "export_updated";
  };
  poll_failed: {
    exportId: number;
    kind: string;
    message: string;
    type: "poll_failed";
  };
  upload_progress: {
    bytesDone: number;
    bytesPerSec: number;
    creationId: number;
    etaSecs: number;
    total: number;
    type: "upload_progress";
  };
  video_dropped: {
    name: string;
    type: "video_dropped";
  };
}

/** What a command's channel carries, by command. */
export interface Channels {
  update_install: {
    bytes: number;
    step: "downloading";
    total: number;
  } | {
    step: "installed";
    version: string;
  } | {
    downloads: number;
    step: "waiting";
    uploads: number;
  };
}

export type Command = keyof Answers;
export type ShellEvent = Events[keyof Events];
export type AppInfo = Answers["app_info"];
export type KeyStatus = Answers["key_status"];
export type Catalog = Answers["catalog"];
export type SettingsView = Answers["settings_get"];
export type ProjectView = Answers["project_open"];
export type ClipView = ProjectView["clips"][number];
export type DemoProjectView = Answers["demo_projects"][number];
export type RecentProject = Answers["recent_projects"][number];
export type Preset = Answers["presets_list"][number];
export type ExportOptions = Preset["options"];
export type ExportView = Answers["exports_list"][number];
export type DownloadView = ExportView["downloads"][number];
export type TimelineFileView = ExportView["timelines"][number];
export type CreationView = Answers["creations_list"][number];
export type UpdateOffer = Answers["update_check"]["offer"];
export type InstallStep = Channels["update_install"];
