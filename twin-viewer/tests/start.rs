//! Starting the viewer where no window can open (a server, an SSH login, a CI job without Xvfb):
//! one line in the chosen language that says why, and exit status 2, not a panic from the
//! windowing library.

/// The viewer's stderr and exit status, started with `args` and no display.
#[cfg(all(unix, not(target_os = "macos")))]
fn without_a_display(args: &[&str]) -> (String, Option<i32>) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_twin-viewer"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .expect("the viewer starts");
    (String::from_utf8_lossy(&output.stderr).into_owned(), output.status.code())
}

#[test]
#[cfg(all(unix, not(target_os = "macos")))]
fn without_a_display_the_viewer_says_so_in_one_line_in_its_language() {
    let (stderr, status) = without_a_display(&[]);
    assert_eq!(status, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("twin-viewer: ingen skjerm å åpne et vindu på") && stderr.contains("DISPLAY"));
    let (stderr, status) = without_a_display(&["--lang", "en"]);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stderr.starts_with("twin-viewer: no screen to open a window on"), "{stderr}");
}
