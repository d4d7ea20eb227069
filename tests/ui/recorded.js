// Written by src-tauri/tests/shell/ui_recorded.rs from the shell's real answers: do not edit.
/** The project the answers are about, as `project_open` gave it. */
export const RECORDED_PROJECT = {
  "clips": [
    {
      "beginMs": 754200,
      "desc": "Why charging per seat nearly killed the company, and the usage-based plan that saved it.",
      "durationMs": 58700,
      "endMs": 812900,
      "idx": 0,
      "score": 94.0,
      "tags": [
        "startups",
        "pricing",
        "lessons"
      ],
      "thumbnail": "thumb://localhost/proj_demo_podcast/0",
      "title": "The pricing mistake that almost sank us"
    },
    {
      "beginMs": 1391000,
      "desc": "A founder's checklist for early hires: what to test, what to skip, and when to wait.",
      "durationMs": 71450,
      "endMs": 1462450,
      "idx": 1,
      "score": 91.0,
      "tags": [
        "hiring",
        "engineering",
        "leadership"
      ],
      "thumbnail": "thumb://localhost/proj_demo_podcast/1",
      "title": "How to hire your first ten engineers"
    },
    {
      "beginMs": 2050300,
      "desc": "Fixing the on-call rota did more for morale than any offsite.",
      "durationMs": 51500,
      "endMs": 2101800,
      "idx": 2,
      "score": 88.0,
      "tags": [
        "burnout",
        "mental health",
        "culture"
      ],
      "thumbnail": "thumb://localhost/proj_demo_podcast/2",
      "title": "Burnout is a systems problem, not a you problem 🔥"
    },
    {
      "beginMs": 312000,
      "desc": "Net revenue retention, explained in under a minute.",
      "durationMs": 37500,
      "endMs": 349500,
      "idx": 3,
      "score": 84.0,
      "tags": [
        "metrics",
        "growth"
      ],
      "thumbnail": "thumb://localhost/proj_demo_podcast/3",
      "title": "The one metric we check every Monday"
    },
    {
      "beginMs": 2688700,
      "desc": "Three habits that survived the return to the office, and two that did not.",
      "durationMs": 67300,
      "endMs": 2756000,
      "idx": 4,
      "score": 79.0,
      "tags": [
        "remote work",
        "culture",
        "productivity"
      ],
      "thumbnail": "thumb://localhost/proj_demo_podcast/4",
      "title": "Remote work: what actually changed"
    },
    {
      "beginMs": 3301000,
      "desc": "Closing thoughts: ship earlier, sleep more, write things down.",
      "durationMs": 43250,
      "endMs": 3344250,
      "idx": 5,
      "score": 73.0,
      "tags": [
        "advice",
        "career"
      ],
      "thumbnail": "thumb://localhost/proj_demo_podcast/5",
      "title": "Advice to my 25-year-old self"
    }
  ],
  "kind": "ai_clipping",
  "name": "Founders Unfiltered — Ep. 42: pricing, hiring and burnout",
  "projectId": "proj_demo_podcast",
  "sourceDurationMs": 3344250
};

/** Each command asked, with the shell's answer or refusal. */
export const RECORDED = [
  {
    "answer": {
      "body": {
        "clip_indices": [
          0,
          1
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480"
      },
      "summary": "2 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p",
      "warnings": []
    },
    "args": {
      "clips": [
        0,
        1
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "resolution": "UHD_4K"
      },
      "summary": "All 6 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 4K",
      "warnings": []
    },
    "args": {
      "clips": null,
      "options": {
        "captions": null,
        "hook": null,
        "reframe": null,
        "resolution": "UHD_4K",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "clip_indices": [
          2
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "resolution": "HD_720",
        "target_lang": "es"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 720p · translated to Spanish",
      "warnings": []
    },
    "args": {
      "clips": [
        2
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": null,
        "resolution": "HD_720",
        "targetLang": "es"
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "caption_display": "both",
        "cc_style_tpl": "word-focus",
        "clip_indices": [
          0
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": true,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480",
        "target_lang": "fr"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · translated to French · captions: both, style word-focus",
      "warnings": [
        "Showing both caption lines works reliably only with a temp-static-* style; word-focus may render one line only."
      ]
    },
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "both",
          "style": "word-focus"
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": "fr"
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "caption_display": "both",
        "cc_style_tpl": "temp-static-2",
        "clip_indices": [
          0
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": true,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480",
        "target_lang": "fr"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · translated to French · captions: both, style temp-static-2",
      "warnings": []
    },
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "both",
          "style": "temp-static-2"
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": "fr"
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "caption_display": "both",
        "clip_indices": [
          0
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": true,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480",
        "target_lang": "fr"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · translated to French · captions: both",
      "warnings": [
        "Showing both caption lines works reliably only with a temp-static-* style; temp-7 may render one line only."
      ]
    },
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "both",
          "style": null
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": "fr"
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "caption_display": "original",
        "clip_indices": [
          0
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": true,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480",
        "target_lang": "fr"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · translated to French · captions: original",
      "warnings": []
    },
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "original",
          "style": null
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": "fr"
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "caption_display": "translation",
        "cc_style_tpl": "temp-3",
        "clip_indices": [
          0
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": true,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480",
        "target_lang": "fr"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · translated to French · captions: translation, style temp-3",
      "warnings": []
    },
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "translation",
          "style": "temp-3"
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": "fr"
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "clip_indices": [
          0,
          2
        ],
        "enable_ai_hook": true,
        "enable_ai_reframe": false,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480"
      },
      "summary": "2 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · AI hook",
      "warnings": []
    },
    "args": {
      "clips": [
        0,
        2
      ],
      "options": {
        "captions": null,
        "hook": {
          "durationMs": null,
          "keywords": null,
          "position": null,
          "style": null
        },
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "ai_hook_keywords": "pricing",
        "ai_hook_position": "end",
        "ai_hook_script_style": "casual",
        "ai_hook_text_duration": 2500,
        "clip_indices": [
          0,
          2
        ],
        "enable_ai_hook": true,
        "enable_ai_reframe": false,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480"
      },
      "summary": "2 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · AI hook (casual, at the end, 2.5 s)",
      "warnings": []
    },
    "args": {
      "clips": [
        0,
        2
      ],
      "options": {
        "captions": null,
        "hook": {
          "durationMs": 2500,
          "keywords": "pricing",
          "position": "end",
          "style": "casual"
        },
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "ai_hook_position": "beginning",
        "ai_hook_script_style": "serious",
        "ai_hook_text_duration": 4000,
        "clip_indices": [
          0,
          2
        ],
        "enable_ai_hook": true,
        "enable_ai_reframe": false,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480"
      },
      "summary": "2 clips of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · AI hook (serious, at the beginning, 4 s)",
      "warnings": []
    },
    "args": {
      "clips": [
        0,
        2
      ],
      "options": {
        "captions": null,
        "hook": {
          "durationMs": 4000,
          "keywords": null,
          "position": "beginning",
          "style": "serious"
        },
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "clip_indices": [
          1
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": true,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "ratio": "RATIO_9_16",
        "resolution": "SD_480"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · reframed to 9:16",
      "warnings": []
    },
    "args": {
      "clips": [
        1
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": "RATIO_9_16",
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "clip_indices": [
          1
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": true,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "ratio": "RATIO_1_1",
        "resolution": "SD_480"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · reframed to 1:1",
      "warnings": []
    },
    "args": {
      "clips": [
        1
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": "RATIO_1_1",
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "clip_indices": [
          1
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": true,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "ratio": "RATIO_4_5",
        "resolution": "SD_480"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · reframed to 4:5",
      "warnings": []
    },
    "args": {
      "clips": [
        1
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": "RATIO_4_5",
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "body": {
        "clip_indices": [
          1
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": true,
        "enable_caption": false,
        "project_id": "proj_demo_podcast",
        "ratio": "RATIO_16_9",
        "resolution": "SD_480"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · reframed to 16:9",
      "warnings": []
    },
    "args": {
      "clips": [
        1
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": "RATIO_16_9",
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "args": {
      "clips": [
        1
      ],
      "options": {
        "captions": null,
        "hook": null,
        "reframe": "",
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview",
    "error": {
      "field": "reframe",
      "kind": "invalid_request",
      "message": "AI reframe needs a ratio (9:16, 1:1, 4:5 or 16:9)."
    }
  },
  {
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "original",
          "style": "Brand Style"
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview",
    "error": {
      "field": "captions.style",
      "kind": "invalid_request",
      "message": "\"Brand Style\" is not a caption style id: use lowercase letters, digits and dashes (for example temp-7)."
    }
  },
  {
    "answer": {
      "body": {
        "caption_display": "original",
        "cc_style_tpl": "brand-style-2",
        "clip_indices": [
          0
        ],
        "enable_ai_hook": false,
        "enable_ai_reframe": false,
        "enable_caption": true,
        "project_id": "proj_demo_podcast",
        "resolution": "SD_480"
      },
      "summary": "1 clip of Founders Unfiltered — Ep. 42: pricing, hiring and burnout · 480p · captions: original, style brand-style-2",
      "warnings": []
    },
    "args": {
      "clips": [
        0
      ],
      "options": {
        "captions": {
          "display": "original",
          "style": "brand-style-2"
        },
        "hook": null,
        "reframe": null,
        "resolution": "SD_480",
        "targetLang": null
      },
      "projectId": "proj_demo_podcast"
    },
    "cmd": "export_preview"
  },
  {
    "answer": {
      "fileName": "00 The pricing mistake that almost sank us.mp4"
    },
    "args": {
      "idx": 0,
      "projectId": "proj_demo_podcast",
      "template": "{idx:02} {title}"
    },
    "cmd": "name_preview"
  },
  {
    "answer": {
      "fileName": "Founders Unfiltered — Ep. 42_ pricing, hiring and burnout - 1 - How to hire your first ten engineers.mp4"
    },
    "args": {
      "idx": 1,
      "projectId": "proj_demo_podcast",
      "template": "{project} - {idx} - {title}"
    },
    "cmd": "name_preview"
  },
  {
    "answer": {
      "fileName": "Burnout is a systems problem, not a you problem 🔥 88.mp4"
    },
    "args": {
      "idx": 2,
      "projectId": "proj_demo_podcast",
      "template": "{title} {score}"
    },
    "cmd": "name_preview"
  },
  {
    "args": {
      "idx": 0,
      "projectId": "proj_demo_podcast",
      "template": "{titel}"
    },
    "cmd": "name_preview",
    "error": {
      "kind": "invalid_template",
      "message": "unknown field {titel} in the file name template; use one of {project}, {task}, {idx}, {title}, {score}, {resolution}, {ratio}, {date}"
    }
  },
  {
    "args": {
      "idx": 0,
      "projectId": "proj_demo_podcast",
      "template": "{title"
    },
    "cmd": "name_preview",
    "error": {
      "kind": "invalid_template",
      "message": "unbalanced brace at character 0 of the file name template; write {{ or }} for a literal brace"
    }
  }
];
