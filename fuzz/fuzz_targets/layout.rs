#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qari::fuzzing::layout(data));
