//! Starting the viewer where no window can open (a server, an SSH login, a CI job without Xvfb):
//! one line that says why, and exit status 2, not a panic from the windowing library.

#[test]
#[cfg(all(unix, not(target_os = "macos")))]
fn without_a_display_the_viewer_says_so_in_one_line() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_twin-viewer"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("the viewer starts");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("twin-viewer: no screen to open a window on") && stderr.contains("DISPLAY"));
}
