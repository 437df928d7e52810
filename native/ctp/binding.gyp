# The CTP addon. CTP_SDK_DIR is the folder holding the SDK's four headers and its two libraries, as a broker ships
# them: ThostFtdc*.h with thosttraderapi_se.{dll,lib} + thostmduserapi_se.{dll,lib} on Windows, or
# libthosttraderapi_se.so + libthostmduserapi_se.so on Linux. scripts/native-build.mjs defaults it to ctp-sim's.
# The SDK's libraries are copied beside ctp.node, which finds them there ($ORIGIN on Linux, the DLL search path on
# Windows), so a packaged app ships them as extra resources next to the addon.
{
  "variables": {
    "ctp_sdk_dir%": "<!(node -p \"process.env.CTP_SDK_DIR || require('path').resolve('../ctp-sim/build/sdk')\")",
  },
  "targets": [
    {
      "target_name": "ctp",
      "sources": ["src/addon.cc", "src/field_desc.cc", "src/text.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<(ctp_sdk_dir)"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-std=c++17", "-O2", "-Wall", "-Wno-unused-parameter"],
      "conditions": [
        ["OS=='win'", {
          "libraries": ["<(ctp_sdk_dir)/thosttraderapi_se.lib", "<(ctp_sdk_dir)/thostmduserapi_se.lib"],
          "msvs_settings": {
            "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17", "/utf-8"], "ExceptionHandling": 1 }
          },
          "copies": [{
            "destination": "<(PRODUCT_DIR)",
            "files": ["<(ctp_sdk_dir)/thosttraderapi_se.dll", "<(ctp_sdk_dir)/thostmduserapi_se.dll"]
          }]
        }],
        ["OS=='linux'", {
          "libraries": ["-L<(ctp_sdk_dir)", "-lthosttraderapi_se", "-lthostmduserapi_se", "-Wl,-rpath,'$$ORIGIN'"],
          "copies": [{
            "destination": "<(PRODUCT_DIR)",
            "files": ["<(ctp_sdk_dir)/libthosttraderapi_se.so", "<(ctp_sdk_dir)/libthostmduserapi_se.so"]
          }]
        }],
        ["OS=='mac'", {
          "libraries": ["-L<(ctp_sdk_dir)", "-lthosttraderapi_se", "-lthostmduserapi_se", "-Wl,-rpath,@loader_path"],
          "xcode_settings": { "CLANG_CXX_LANGUAGE_STANDARD": "c++17", "MACOSX_DEPLOYMENT_TARGET": "11.0" },
          "copies": [{
            "destination": "<(PRODUCT_DIR)",
            "files": ["<(ctp_sdk_dir)/libthosttraderapi_se.dylib", "<(ctp_sdk_dir)/libthostmduserapi_se.dylib"]
          }]
        }]
      ]
    }
  ]
}
