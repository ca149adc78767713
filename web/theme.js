// The colour theme before the first paint (a blocking script in the head, so a dark page never
// flashes light), always on the root as data-theme, the one thing the stylesheets read: the
// visitor's choice from the header's switch, remembered in this browser, else the system's.
// When the system switches and nothing is chosen, the page follows and is told (the charts
// redraw in the new colours).
(() => {
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const chosen = () => {
    try {
      const theme = localStorage.getItem("perplexed.theme");
      return theme === "dark" || theme === "light" ? theme : null;
    } catch {
      return null; // No storage (a privacy mode): the system's theme.
    }
  };
  root.dataset.theme = chosen() ?? (system.matches ? "dark" : "light");
  system.addEventListener("change", () => {
    if (chosen()) return;
    root.dataset.theme = system.matches ? "dark" : "light";
    dispatchEvent(new Event("perplexed-theme"));
  });
})();
