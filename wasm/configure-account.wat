;; configure-account: adds, updates and removes any number of associated keys and sets the action
;; thresholds, in one session, in the order that never fails for a valid target:
;;   1. `add` keys with `add_w` weights           (casper_add_associated_key)
;;   2. `raise` keys to `raise_w` weights         (casper_update_associated_key)
;;   3. thresholds `dep` (deployment) and `km` (key management): deployment first, unless the node
;;      refuses it as above the current key management (DeploymentThreshold), then key management
;;      first and deployment after
;;   4. `lower` keys to `lower_w` weights         (casper_update_associated_key)
;;   5. remove `rm` keys                          (casper_remove_associated_key)
;; Every arg is optional; an absent arg is an empty step. Key lists are List<ByteArray(32)>
;; (account hashes), weight lists List<U8> of the same length, thresholds U8.
;; Reverts with the ApiError codes of Rust's `unwrap_or_revert`: an arg whose pair is missing 2
;; (MissingArgument); malformed bytes or lists of different lengths 3 (InvalidArgument); add
;; 1/2/3 -> 21/22/23; update and remove 1/2/3 -> 24/23/25; thresholds 1/2/3/4 -> 26/27/23/28;
;; unknown host results 31 (Unhandled); no memory for an arg 20 (OutOfMemory).
;; Plain WebAssembly MVP (no sign-extension), so one module runs on Casper 1.5 and 2.0.
(module
  (import "env" "casper_get_named_arg_size" (func $get_named_arg_size (param i32 i32 i32) (result i32)))
  (import "env" "casper_get_named_arg" (func $get_named_arg (param i32 i32 i32 i32) (result i32)))
  (import "env" "casper_add_associated_key" (func $add_associated_key (param i32 i32 i32) (result i32)))
  (import "env" "casper_update_associated_key" (func $update_associated_key (param i32 i32 i32) (result i32)))
  (import "env" "casper_remove_associated_key" (func $remove_associated_key (param i32 i32) (result i32)))
  (import "env" "casper_set_action_threshold" (func $set_action_threshold (param i32 i32) (result i32)))
  (import "env" "casper_revert" (func $revert (param i32)))

  (memory 1)
  ;; 0..3   AddKeyFailure 1..3            -> MaxKeysLimit 21, DuplicateKey 22, PermissionDenied 23
  ;; 3..6   Update/RemoveKeyFailure 1..3  -> MissingKey 24, PermissionDenied 23, ThresholdViolation 25
  ;; 6..10  SetThresholdFailure 1..4      -> KeyManagementThreshold 26, DeploymentThreshold 27,
  ;;                                         PermissionDenied 23, InsufficientTotalWeight 28
  ;; 10..49 arg names; 52..56 arg size out-param; 56 a U8 arg; 1024.. key and weight lists
  (data (i32.const 0) "\15\16\17\18\17\19\1a\1b\17\1caddadd_wraiseraise_wdepkmlowerlower_wrm")

  (func $fail (param $code i32)
    (call $revert (local.get $code))
    (unreachable))

  ;; Reverts with an ApiError returned as is by the host (named-arg functions).
  (func $check (param $result i32)
    (if (local.get $result) (then (call $fail (local.get $result)))))

  ;; Reverts with the ApiError that failure code $result (1-based) maps to in the table at $table,
  ;; or Unhandled (31) when the code is not in the table.
  (func $unwrap (param $result i32) (param $table i32) (param $len i32)
    (local $index i32)
    (if (local.get $result)
      (then
        (local.set $index (i32.sub (local.get $result) (i32.const 1)))
        (call $fail
          (if (result i32) (i32.lt_u (local.get $index) (local.get $len))
            (then (i32.load8_u (i32.add (local.get $table) (local.get $index))))
            (else (i32.const 31)))))))

  ;; Size of a named arg, or -1 when it is absent.
  (func $size (param $name i32) (param $len i32) (result i32)
    (local $result i32)
    (local.set $result (call $get_named_arg_size (local.get $name) (local.get $len) (i32.const 52)))
    (if (i32.eq (local.get $result) (i32.const 2)) (then (return (i32.const -1))))
    (call $check (local.get $result))
    (i32.load (i32.const 52)))

  ;; Copies a named arg of $size bytes to $dest, growing memory as needed.
  (func $fetch (param $name i32) (param $len i32) (param $dest i32) (param $size i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dest) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.shr_u
                  (i32.sub (i32.add (local.get $end) (i32.const 65535)) (i32.shl (memory.size) (i32.const 16)))
                  (i32.const 16)))
              (i32.const -1))
          (then (call $fail (i32.const 20))))))
    ;; Like Rust's get_named_arg, an empty arg is not read.
    (if (local.get $size)
      (then
        (call $check (call $get_named_arg (local.get $name) (local.get $len) (local.get $dest) (local.get $size))))))

  ;; Reads a List of $item-byte elements to $dest; returns its length, or -1 when absent.
  ;; bytesrepr::deserialize accepts exactly 4 + count * item bytes; anything else is InvalidArgument.
  (func $list (param $name i32) (param $len i32) (param $dest i32) (param $item i32) (result i32)
    (local $size i32)
    (local $count i32)
    (local.set $size (call $size (local.get $name) (local.get $len)))
    (if (i32.eq (local.get $size) (i32.const -1)) (then (return (i32.const -1))))
    (if (i32.lt_u (local.get $size) (i32.const 4)) (then (call $fail (i32.const 3))))
    (call $fetch (local.get $name) (local.get $len) (local.get $dest) (local.get $size))
    (local.set $count (i32.load (local.get $dest)))
    (if (i32.or
          (i32.gt_u (local.get $count) (i32.const 0x3ffffff))
          (i32.ne (i32.sub (local.get $size) (i32.const 4)) (i32.mul (local.get $count) (local.get $item))))
      (then (call $fail (i32.const 3))))
    (local.get $count))

  ;; Reads a U8 arg; returns it, or -1 when absent.
  (func $u8 (param $name i32) (param $len i32) (result i32)
    (local $size i32)
    (local.set $size (call $size (local.get $name) (local.get $len)))
    (if (i32.eq (local.get $size) (i32.const -1)) (then (return (i32.const -1))))
    (if (i32.ne (local.get $size) (i32.const 1)) (then (call $fail (i32.const 3))))
    (call $fetch (local.get $name) (local.get $len) (i32.const 56) (i32.const 1))
    (i32.load8_u (i32.const 56)))

  ;; Adds ($add = 1) or updates ($add = 0) the keys of one list with the weights of another.
  (func $set_keys (param $keys i32) (param $keys_len i32) (param $weights i32) (param $weights_len i32) (param $add i32)
    (local $count i32)
    (local $weight_list i32)
    (local $weight_count i32)
    (local $i i32)
    (local $key i32)
    (local $weight i32)
    (local.set $count (call $list (local.get $keys) (local.get $keys_len) (i32.const 1024) (i32.const 32)))
    (local.set $weight_list (i32.add (i32.const 1028) (i32.shl (local.get $count) (i32.const 5))))
    (local.set $weight_count
      (call $list (local.get $weights) (local.get $weights_len) (local.get $weight_list) (i32.const 1)))
    ;; One list of the pair absent: MissingArgument; both present with different lengths: InvalidArgument.
    (if (i32.ne (local.get $count) (local.get $weight_count))
      (then
        (call $fail
          (select (i32.const 2) (i32.const 3)
            (i32.or
              (i32.eq (local.get $count) (i32.const -1))
              (i32.eq (local.get $weight_count) (i32.const -1)))))))
    (if (i32.le_s (local.get $count) (i32.const 0)) (then (return)))
    (loop $next
      (local.set $key (i32.add (i32.const 1028) (i32.shl (local.get $i) (i32.const 5))))
      (local.set $weight (i32.load8_u (i32.add (i32.add (local.get $weight_list) (i32.const 4)) (local.get $i))))
      (if (local.get $add)
        (then
          (call $unwrap (call $add_associated_key (local.get $key) (i32.const 32) (local.get $weight)) (i32.const 0) (i32.const 3)))
        (else
          (call $unwrap (call $update_associated_key (local.get $key) (i32.const 32) (local.get $weight)) (i32.const 3) (i32.const 3))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $count)))))

  (func $threshold (param $action i32) (param $value i32)
    (call $unwrap (call $set_action_threshold (local.get $action) (local.get $value)) (i32.const 6) (i32.const 4)))

  (func $remove_keys
    (local $count i32)
    (local $i i32)
    (local.set $count (call $list (i32.const 47) (i32.const 2) (i32.const 1024) (i32.const 32)))
    (if (i32.le_s (local.get $count) (i32.const 0)) (then (return)))
    (loop $next
      (call $unwrap
        (call $remove_associated_key (i32.add (i32.const 1028) (i32.shl (local.get $i) (i32.const 5))) (i32.const 32))
        (i32.const 3) (i32.const 3))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $count)))))

  (func (export "call")
    (local $deployment i32)
    (local $key_management i32)
    (local $result i32)
    (call $set_keys (i32.const 10) (i32.const 3) (i32.const 13) (i32.const 5) (i32.const 1))
    (call $set_keys (i32.const 18) (i32.const 5) (i32.const 23) (i32.const 7) (i32.const 0))
    (local.set $deployment (call $u8 (i32.const 30) (i32.const 3)))
    (local.set $key_management (call $u8 (i32.const 33) (i32.const 2)))
    (if (i32.ge_s (local.get $deployment) (i32.const 0))
      (then
        ;; ActionType::Deployment = 0, ActionType::KeyManagement = 1
        (local.set $result (call $set_action_threshold (i32.const 0) (local.get $deployment)))
        ;; SetThresholdFailure::DeploymentThreshold = 2: raise key management first, then retry.
        (if (i32.and
              (i32.eq (local.get $result) (i32.const 2))
              (i32.ge_s (local.get $key_management) (i32.const 0)))
          (then
            (call $threshold (i32.const 1) (local.get $key_management))
            (local.set $key_management (i32.const -1))
            (local.set $result (call $set_action_threshold (i32.const 0) (local.get $deployment)))))
        (call $unwrap (local.get $result) (i32.const 6) (i32.const 4))))
    (if (i32.ge_s (local.get $key_management) (i32.const 0))
      (then (call $threshold (i32.const 1) (local.get $key_management))))
    (call $set_keys (i32.const 35) (i32.const 5) (i32.const 40) (i32.const 7) (i32.const 0))
    (call $remove_keys)))
