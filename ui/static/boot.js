// Loads the wasm UI. An external file, not an inline script, so the CSP needs no hash.
import init from "./passerelle-ui.js";
init();
