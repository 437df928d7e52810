# ctp-sim's control addon (tests, benchmarks, the local practice front). Built only with the simulator: it links
# ctp-sim's libthosttraderapi_se and looks for it first beside the CTP addon, so that both load one instance.
{
  "variables": {
    "sim_sdk_dir%": "<!(node -p \"require('path').resolve('../build/sdk')\")",
    "addon_dir%": "<!(node -p \"require('path').resolve('../../ctp/build/Release')\")",
  },
  "targets": [
    {
      "target_name": "ctpsim_control",
      "sources": ["control.cc", "../../ctp/src/field_desc.cc", "../../ctp/src/text.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<(sim_sdk_dir)", "../src", "../../ctp/src"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-std=c++17", "-O2", "-Wall", "-Wno-unused-parameter"],
      "libraries": ["-L<(sim_sdk_dir)", "-lthosttraderapi_se", "-Wl,-rpath,<(addon_dir)", "-Wl,-rpath,<(sim_sdk_dir)"]
    }
  ]
}
