;; two-party-multi-sig: the casper-ecosystem/two-party-multi-sig session, in WebAssembly text.
;;
;; Reads the named arg "deployment-account" (CLType ByteArray(32), an AccountHash), adds it as an
;; associated key with weight 1, then sets the key-management threshold to 2 and the deployment
;; threshold to 2. Every failure reverts with the ApiError code that Rust's `unwrap_or_revert`
;; produces for the same host result (casper-contract `contract_api::{runtime, account}`):
;;   missing arg 2 (MissingArgument), any size but 32 bytes 3 (InvalidArgument),
;;   add key 1/2/3 -> 21/22/23, set threshold 1/2/3/4 -> 26/27/23/28, unknown results 31.
;; Plain WebAssembly MVP (no sign-extension), so one module runs on Casper 1.5 and 2.0.
(module
  (import "env" "casper_get_named_arg_size" (func $get_named_arg_size (param i32 i32 i32) (result i32)))
  (import "env" "casper_get_named_arg" (func $get_named_arg (param i32 i32 i32 i32) (result i32)))
  (import "env" "casper_add_associated_key" (func $add_associated_key (param i32 i32 i32) (result i32)))
  (import "env" "casper_set_action_threshold" (func $set_action_threshold (param i32 i32) (result i32)))
  (import "env" "casper_revert" (func $revert (param i32)))

  (memory 1)
  ;; 0..3: AddKeyFailure 1..3 as ApiError (MaxKeysLimit, DuplicateKey, PermissionDenied)
  ;; 3..7: SetThresholdFailure 1..4 as ApiError (KeyManagementThreshold, DeploymentThreshold,
  ;;       PermissionDenied, InsufficientTotalWeight)
  ;; 7..25: the arg name; 28..32: arg size out-param; 32..64: the account hash
  (data (i32.const 0) "\15\16\17\1a\1b\17\1cdeployment-account")

  ;; Reverts with an ApiError returned as is by the host (named-arg functions).
  (func $check (param $result i32)
    (if (local.get $result)
      (then (call $revert (local.get $result)) (unreachable))))

  ;; Reverts with the ApiError that failure code $result (1-based) maps to in the table at $table,
  ;; or Unhandled (31) when the code is not in the table.
  (func $unwrap (param $result i32) (param $table i32) (param $len i32)
    (local $index i32)
    (if (local.get $result)
      (then
        (local.set $index (i32.sub (local.get $result) (i32.const 1)))
        (call $revert
          (if (result i32) (i32.lt_u (local.get $index) (local.get $len))
            (then (i32.load8_u (i32.add (local.get $table) (local.get $index))))
            (else (i32.const 31))))
        (unreachable))))

  (func (export "call")
    (call $check (call $get_named_arg_size (i32.const 7) (i32.const 18) (i32.const 28)))
    ;; bytesrepr::deserialize::<AccountHash> accepts exactly 32 bytes; anything else is
    ;; InvalidArgument (a 33-byte Key::Account included). Checking the size first also keeps the
    ;; read buffer exactly the size the host reported.
    (if (i32.ne (i32.load (i32.const 28)) (i32.const 32))
      (then (call $revert (i32.const 3)) (unreachable)))
    (call $check (call $get_named_arg (i32.const 7) (i32.const 18) (i32.const 32) (i32.const 32)))
    (call $unwrap (call $add_associated_key (i32.const 32) (i32.const 32) (i32.const 1)) (i32.const 0) (i32.const 3))
    ;; ActionType::KeyManagement = 1, then ActionType::Deployment = 0
    (call $unwrap (call $set_action_threshold (i32.const 1) (i32.const 2)) (i32.const 3) (i32.const 4))
    (call $unwrap (call $set_action_threshold (i32.const 0) (i32.const 2)) (i32.const 3) (i32.const 4))))
