// Surveys on a kiosk, a phone or the families' web form (voice/views/kiosk.py). The pages work
// without this script, one question per screen on the server. With it:
// - the survey runs on the device from the definition embedded in the start page as JSON, one
//   question per screen, with skip logic, a check screen and a thank-you screen;
// - answers are put in a queue on the device (localStorage) with a unique submission id, sent to
//   the server, and deleted from the device as soon as the server has them. While the network is
//   down they wait, and the kiosk says so; they are sent when it comes back (each stored once);
// - every question and option can be read aloud with the browser's own voices (speechSynthesis);
// - on a shared kiosk, "Finish" or a few idle minutes wipe the screen for the next person.
// Nothing that names a person is ever kept on the device.
(function () {
  "use strict";

  var QUEUE_KEY = "voice-queue-v1";
  var CACHE = "voice-kiosk-v2"; // the service worker's (voice/views/kiosk_offline.py)
  var RETRY_MS = 10000;
  // An answer the server failed on (a 5xx) waits longer before each try, up to this, while the
  // answers behind it go on: one answer the server cannot take never holds up the rest (issue 15,
  // break 9). After STUCK_TRIES the screen says so; it is still tried, in case the fault is fixed.
  var RETRY_MAX_MS = 10 * 60 * 1000;
  var STUCK_TRIES = 5;
  var page = document.querySelector(".voice-page");
  if (!page) {
    return;
  }
  var statusEl = document.querySelector("[data-voice-queue]");
  var isKiosk = page.getAttribute("data-voice-kiosk") === "true";
  var home = page.getAttribute("data-voice-home");
  var queuedHere = false;
  var refusedMessage = "";
  var sending = false;
  var listeners = {};

  // The queue.

  function readQueue() {
    try {
      var found = JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]");
      return Array.isArray(found) ? found : [];
    } catch (e) {
      return [];
    }
  }

  function writeQueue(entries) {
    if (entries.length) {
      window.localStorage.setItem(QUEUE_KEY, JSON.stringify(entries));
    } else {
      window.localStorage.removeItem(QUEUE_KEY);
    }
  }

  function forget(id) {
    writeQueue(readQueue().filter(function (e) { return e.submission_id !== id; }));
  }

  function stuckCount(entries) {
    return entries.filter(function (e) { return e.failed === "server" && e.tries >= STUCK_TRIES; }).length;
  }

  function showStatus() {
    if (!statusEl) {
      return;
    }
    var entries = readQueue();
    var n = entries.length;
    var stuck = stuckCount(entries);
    if (!n && !isKiosk && !queuedHere) {
      statusEl.hidden = true;
      return;
    }
    var text;
    if (n === 1) {
      text = statusEl.getAttribute("data-waiting-one");
    } else if (n > 1) {
      text = statusEl.getAttribute("data-waiting").replace("%(n)s", String(n));
    } else {
      text = statusEl.getAttribute("data-sent");
    }
    if (stuck) {
      text += ". " + (stuck === 1
        ? statusEl.getAttribute("data-stuck-one")
        : statusEl.getAttribute("data-stuck").replace("%(n)s", String(stuck)));
    }
    if (refusedMessage) {
      text += ". " + statusEl.getAttribute("data-refused").replace("%(message)s", refusedMessage);
    }
    statusEl.textContent = text;
    statusEl.classList.toggle("voice-queue--waiting", n > 0);
    statusEl.hidden = false;
  }

  function send(entry) {
    return window.fetch(entry.api || "/voice/api/responses/", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "omit",
      cache: "no-store",
      body: JSON.stringify({
        submission_id: entry.submission_id,
        survey_id: entry.survey_id,
        version: entry.version,
        answers: entry.answers,
        channel: entry.channel,
        language: entry.language,
        easy_read: entry.easy_read,
        organisation_id: entry.organisation_id,
        pass: entry.pass,
        name_offer: entry.name_offer
      })
    });
  }

  // Whether a refusal is for good: every 4xx but "too slow" (408) and "too many" (429), which
  // ask for the answer again later. A refused answer would be refused again for ever.
  function refusedForGood(status) {
    return status >= 400 && status < 500 && status !== 408 && status !== 429;
  }

  function due(entry, now) {
    return !entry.next_at || entry.next_at <= now;
  }

  // Try this answer again later: twice as long after each failure, up to RETRY_MAX_MS, give or
  // take a fifth so that a prison's kiosks coming back together do not all send at once; never
  // before the server asked (Retry-After, in seconds).
  function later(entry, failed, retryAfter) {
    var tries = (entry.tries || 0) + 1;
    var wait = Math.min(RETRY_MS * Math.pow(2, tries - 1), RETRY_MAX_MS) * (0.8 + 0.4 * Math.random());
    if (retryAfter > 0) {
      wait = Math.max(wait, retryAfter * 1000);
    }
    writeQueue(readQueue().map(function (e) {
      if (e.submission_id !== entry.submission_id) {
        return e;
      }
      return Object.assign({}, e, { tries: tries, failed: failed, next_at: Date.now() + wait });
    }));
  }

  // Send every answer whose time has come, one at a time, oldest first.
  function flush() {
    if (sending) {
      return;
    }
    var now = Date.now();
    var entry = readQueue().filter(function (e) { return due(e, now); })[0];
    if (!entry) {
      showStatus();
      return;
    }
    sending = true;
    send(entry)
      .then(function (response) {
        if (response.status === 200 || response.status === 201) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            forget(entry.submission_id);
            if (listeners[entry.submission_id]) {
              listeners[entry.submission_id](body);
            }
            return true;
          });
        }
        if (refusedForGood(response.status)) {
          // Refused for good (closed, used pass, malformed): keeping it would keep it for ever,
          // at the head of the queue. The screen says it was refused, and why.
          return response.json().catch(function () { return {}; }).then(function (body) {
            forget(entry.submission_id);
            refusedMessage = (body && body.error) || String(response.status);
            return true;
          });
        }
        // The server failed on this answer (or asked for it later): it waits, and the answers
        // behind it are sent meanwhile.
        later(entry, "server", parseInt(response.headers.get("Retry-After") || "0", 10) || 0);
        return true;
      }, function () {
        // No network: nothing gets through now. This answer waits its turn, and the rest wait for
        // the next round (or for the network to come back).
        later(entry, "network", 0);
        return false;
      })
      .catch(function () { return false; })
      .then(function (goOn) {
        sending = false;
        showStatus();
        if (goOn) {
          flush();
        }
      });
  }

  // The network is back: every answer that was waiting for it is tried now.
  function online() {
    writeQueue(readQueue().map(function (e) {
      return e.failed === "network" ? Object.assign({}, e, { next_at: 0 }) : e;
    }));
    flush();
  }

  function enqueue(entry) {
    var entries = readQueue();
    entries.push(entry);
    writeQueue(entries);
    queuedHere = true;
    showStatus();
    flush();
  }

  window.addEventListener("online", online);
  window.setInterval(function () {
    if (readQueue().length) {
      flush();
    }
  }, RETRY_MS);
  showStatus();
  flush();

  // Keep the kiosk's own pages on the device for when the network is down. The worker is served
  // from the kiosk's prefix and registered for it alone (its default scope), so no staff page is
  // ever under it; only pages under that prefix are kept, and never one marked no-store or private
  // (every page a signed-in member of staff is sent is both).

  var swUrl = page.getAttribute("data-voice-sw");
  var kioskRoot = swUrl ? swUrl.slice(0, swUrl.lastIndexOf("/") + 1) : null;
  if (swUrl && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(swUrl).catch(function () { return undefined; });
  }
  function ours(link) {
    return Boolean(kioskRoot) && new URL(link, window.location.href).pathname.indexOf(kioskRoot) === 0;
  }
  function keepable(response) {
    var rules = (response.headers.get("Cache-Control") || "").toLowerCase();
    return response.ok && !/no-store|private/.test(rules);
  }
  if ("caches" in window && kioskRoot) {
    var links = Array.prototype.map.call(document.querySelectorAll("[data-voice-start]"), function (a) {
      return a.getAttribute("href");
    });
    // A page that shows an error (a refused choice) is not one to keep for offline use.
    if (!document.querySelector(".govuk-error-summary")) {
      links.push(window.location.pathname + window.location.search);
    }
    links = links.filter(ours);
    // One page at a time, so that a kiosk keeping many surveys does not send the server a burst.
    window.caches.open(CACHE).then(function (cache) {
      return links.reduce(function (done, link) {
        return done.then(function () {
          return window.fetch(link, { credentials: "same-origin" })
            .then(function (response) { return keepable(response) ? cache.put(link, response) : undefined; })
            .catch(function () { return undefined; });
        });
      }, Promise.resolve());
    }).catch(function () { return undefined; });
  }
  // The kiosk's pages may be kept (they are not no-store), so the browser may also keep one in its
  // back-forward cache: on a shared kiosk, a page brought back that way is loaded afresh, so the
  // next person never sees what the last one had begun.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && isKiosk) {
      window.location.reload();
    }
  });

  // Read aloud.

  var canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  var speechLang = { en: "en-GB", cy: "cy-GB" };

  function say(words, language) {
    window.speechSynthesis.cancel();
    var utterance = new window.SpeechSynthesisUtterance(words);
    utterance.lang = speechLang[language] || language;
    window.speechSynthesis.speak(utterance);
  }

  // Idle timeout: back to the start for the next person.

  var idleTimer = null;
  var idleSeconds = Number(page.getAttribute("data-voice-idle")) || 120;

  function resetIdle() {
    if (idleTimer) {
      window.clearTimeout(idleTimer);
    }
    idleTimer = window.setTimeout(finish, idleSeconds * 1000);
  }

  function finish() {
    state = null;
    if (window.speechSynthesis && canSpeak) {
      window.speechSynthesis.cancel();
    }
    window.location.replace(home);
  }

  var atHome = home === window.location.pathname;
  if (isKiosk && !atHome) {
    ["pointerdown", "keydown", "input"].forEach(function (name) {
      document.addEventListener(name, resetIdle, true);
    });
    resetIdle();
  }

  // The survey, on the device.

  var dataEl = document.getElementById("voice-survey-data");
  var app = document.getElementById("voice-app");
  var beginForm = document.querySelector("[data-voice-begin]");
  if (!dataEl || !app || !beginForm) {
    return;
  }
  var data = JSON.parse(dataEl.textContent);
  var state = null;
  var lang = null;

  function h(tag, attrs) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (key === "text") {
        el.textContent = value;
      } else if (key === "class") {
        el.className = value;
      } else if (value === true) {
        el.setAttribute(key, "");
      } else {
        el.setAttribute(key, value);
      }
    });
    for (var i = 2; i < arguments.length; i += 1) {
      var child = arguments[i];
      if (child === null || child === undefined) {
        continue;
      }
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  function words(key) {
    return lang.words[key];
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) { return String(values[name]); });
  }

  function listenButton(spoken) {
    if (!canSpeak) {
      return null;
    }
    var button = h(
      "button",
      { type: "button", class: "govuk-button govuk-button--secondary voice-listen", "data-voice-listen": spoken },
      words("listen"),
      h("span", { class: "govuk-visually-hidden", text: ": " + spoken })
    );
    button.addEventListener("click", function () { say(spoken, state.language); });
    return button;
  }

  function wordsOf(item) {
    return state.easy && item.easy_read ? item.easy_read : item.text;
  }

  function shown(question, answers) {
    var rule = question.show_if;
    if (!rule) {
      return true;
    }
    var earlier = answers[rule.question];
    var given = Array.isArray(earlier) ? earlier : [earlier];
    return given.some(function (v) { return rule.in.indexOf(v) >= 0; });
  }

  function prune() {
    var kept = {};
    lang.questions.forEach(function (q) {
      if (Object.prototype.hasOwnProperty.call(state.answers, q.id) && shown(q, kept)) {
        kept[q.id] = state.answers[q.id];
      }
    });
    state.answers = kept;
  }

  function visible() {
    return lang.questions.filter(function (q) { return shown(q, state.answers); });
  }

  function empty(value) {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
  }

  function screen(title, content) {
    app.textContent = "";
    app.appendChild(content);
    document.title = title + " – " + data.title;
    var heading = app.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    window.scrollTo(0, 0);
  }

  function buttons() {
    var group = h("div", { class: "govuk-button-group" });
    Array.prototype.forEach.call(arguments, function (b) { group.appendChild(b); });
    return group;
  }

  function button(text, secondary, onClick) {
    var b = h("button", { type: "button", class: "govuk-button voice-big-button" + (secondary ? " govuk-button--secondary" : "") }, text);
    b.addEventListener("click", onClick);
    return b;
  }

  function showPromise() {
    var lines = data.name_offer
      ? (state.easy ? lang.promise_named_easy : lang.promise_named)
      : (state.easy ? lang.promise_easy : lang.promise);
    var list = h("ul", { class: "govuk-list govuk-list--bullet govuk-list--spaced voice-promise" });
    lines.forEach(function (line) { list.appendChild(h("li", { text: line })); });
    screen(words("privacy_title"), h(
      "div", {},
      h("span", { class: "govuk-caption-l", text: data.title }),
      h("h1", { class: "govuk-heading-xl", text: words("privacy_title") }),
      listenButton(lines.join(" ")),
      list,
      buttons(button(words("start"), false, function () { goTo(visible()[0].id); }))
    ));
  }

  function readAnswer(question) {
    var inputs = app.querySelectorAll("[name=answer]");
    if (question.type === "multiple") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    if (["single", "scale", "fft"].indexOf(question.type) >= 0) {
      var picked = Array.prototype.filter.call(inputs, function (i) { return i.checked; });
      return picked.length ? picked[0].value : "";
    }
    return inputs.length ? inputs[0].value.trim() : "";
  }

  function problem(question, value) {
    if (empty(value)) {
      return question.required ? words("required") : null;
    }
    if (question.type === "number") {
      var n = Number(value);
      if (!isFinite(n) || (question.min !== null && n < question.min) || (question.max !== null && n > question.max)) {
        return words("number_hint");
      }
    }
    if (question.type === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return words("date_hint");
    }
    return null;
  }

  function showQuestion(question, error) {
    var list = visible();
    var position = list.indexOf(question) + 1;
    var value = state.answers[question.id];
    var text = wordsOf(question) + (question.required ? "" : " " + words("optional"));
    var caption = h("span", { class: "govuk-caption-m", text: format(words("question_n_of"), { n: position, total: list.length }) });
    var group = h("div", { class: "govuk-form-group" + (error ? " govuk-form-group--error" : "") });
    var errorEl = error ? h("p", { class: "govuk-error-message", id: "answer-error" }, h("span", { class: "govuk-visually-hidden", text: "! " }), error) : null;
    var choice = ["single", "multiple", "scale", "fft"].indexOf(question.type) >= 0;
    if (choice) {
      var multiple = question.type === "multiple";
      var kind = multiple ? "govuk-checkboxes" : "govuk-radios";
      var options = h("div", { class: kind + " voice-options", "data-module": kind });
      question.options.forEach(function (option, i) {
        var id = i === 0 ? "answer" : "answer-" + (i + 1);
        var checked = Array.isArray(value) ? value.indexOf(option.value) >= 0 : value === option.value;
        var label = h("label", { class: "govuk-label " + kind + "__label", for: id });
        if (option.face) {
          label.appendChild(h("span", { class: "voice-face", "aria-hidden": "true", text: option.face }));
          label.appendChild(document.createTextNode(" "));
        }
        label.appendChild(document.createTextNode(wordsOf(option)));
        options.appendChild(h(
          "div", { class: kind + "__item voice-option" },
          h("input", { class: kind + "__input", id: id, name: "answer", type: multiple ? "checkbox" : "radio", value: option.value, checked: checked }),
          label,
          listenButton(wordsOf(option))
        ));
      });
      group.appendChild(h(
        "fieldset", { class: "govuk-fieldset", "aria-describedby": error ? "answer-error" : null },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--l" }, caption, h("h1", { class: "govuk-fieldset__heading", text: text })),
        listenButton(wordsOf(question)),
        multiple ? h("div", { class: "govuk-hint", text: words("select_all") }) : null,
        errorEl,
        options
      ));
    } else {
      group.appendChild(caption);
      group.appendChild(h("h1", { class: "govuk-label-wrapper" }, h("label", { class: "govuk-label govuk-label--l", for: "answer", text: text })));
      group.appendChild(listenButton(wordsOf(question)));
      if (question.type === "date") {
        group.appendChild(h("div", { class: "govuk-hint", id: "answer-hint", text: words("date_hint") }));
      }
      if (errorEl) {
        group.appendChild(errorEl);
      }
      var describedBy = [question.type === "date" ? "answer-hint" : "", error ? "answer-error" : ""].join(" ").trim() || null;
      if (question.type === "text") {
        var area = h("textarea", { class: "govuk-textarea", id: "answer", name: "answer", rows: "6", maxlength: "2000", "aria-describedby": describedBy });
        area.value = value || "";
        group.appendChild(area);
      } else {
        group.appendChild(h("input", {
          class: "govuk-input " + (question.type === "date" ? "govuk-input--width-10" : "govuk-input--width-5"),
          id: "answer",
          name: "answer",
          type: question.type === "date" ? "date" : "text",
          inputmode: question.type === "number" ? "decimal" : null,
          value: empty(value) ? "" : String(value),
          "aria-describedby": describedBy
        }));
      }
    }
    var summary = error ? h(
      "div", { class: "govuk-error-summary" },
      h("div", { role: "alert" },
        h("h2", { class: "govuk-error-summary__title", text: error }),
        h("div", { class: "govuk-error-summary__body" }, h("ul", { class: "govuk-list govuk-error-summary__list" }, h("li", {}, h("a", { href: "#answer", text: wordsOf(question) })))))
    ) : null;
    screen(wordsOf(question), h(
      "div", { "data-voice-question": question.id },
      summary,
      group,
      buttons(
        button(words("next"), false, function () { next(question); }),
        button(words("back"), true, function () { back(question.id); })
      )
    ));
  }

  function next(question) {
    var value = readAnswer(question);
    var fault = problem(question, value);
    if (fault) {
      showQuestion(question, fault);
      return;
    }
    if (empty(value)) {
      delete state.answers[question.id];
    } else {
      state.answers[question.id] = question.type === "number" ? Number(value) : value;
    }
    prune();
    var list = visible();
    var after = list.slice(list.indexOf(question) + 1);
    goTo(after.length ? after[0].id : "check");
  }

  function back(from) {
    var list = visible();
    if (from === "check") {
      goTo(list[list.length - 1].id);
      return;
    }
    var index = list.map(function (q) { return q.id; }).indexOf(from);
    goTo(index > 0 ? list[index - 1].id : "promise");
  }

  function shownAnswer(question) {
    var value = state.answers[question.id];
    if (empty(value)) {
      return words("not_answered");
    }
    var labels = {};
    question.options.forEach(function (o) { labels[o.value] = wordsOf(o); });
    var values = Array.isArray(value) ? value : [value];
    return values.map(function (v) { return labels[v] || String(v); }).join(", ");
  }

  function showCheck() {
    var list = h("dl", { class: "govuk-summary-list" });
    visible().forEach(function (question) {
      var change = h(
        "button", { type: "button", class: "govuk-button govuk-button--secondary govuk-!-margin-bottom-0" },
        words("change"),
        h("span", { class: "govuk-visually-hidden", text: " " + format(words("change_answer"), { question: wordsOf(question) }) })
      );
      change.addEventListener("click", function () { goTo(question.id); });
      list.appendChild(h(
        "div", { class: "govuk-summary-list__row" },
        h("dt", { class: "govuk-summary-list__key", text: wordsOf(question) }),
        h("dd", { class: "govuk-summary-list__value", text: shownAnswer(question) }),
        h("dd", { class: "govuk-summary-list__actions" }, change)
      ));
    });
    // A person signed in to their own view may give their name; anonymous unless they tick it.
    var naming = data.name_offer ? h(
      "div", { class: "govuk-form-group" },
      h("fieldset", { class: "govuk-fieldset", "aria-describedby": "named-hint" },
        h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m", text: words("give_name_legend") }),
        h("div", { id: "named-hint", class: "govuk-hint", text: words("give_name_hint") }),
        h("div", { class: "govuk-checkboxes", "data-module": "govuk-checkboxes" },
          h("div", { class: "govuk-checkboxes__item" },
            h("input", { class: "govuk-checkboxes__input", id: "named", name: "named", type: "checkbox", value: "yes", checked: state.named }),
            h("label", { class: "govuk-label govuk-checkboxes__label", for: "named", text: words("give_name") }))))
    ) : null;
    if (naming) {
      naming.querySelector("#named").addEventListener("change", function (event) { state.named = event.target.checked; });
    }
    screen(words("check_title"), h(
      "div", {},
      h("span", { class: "govuk-caption-l", text: data.title }),
      h("h1", { class: "govuk-heading-xl", text: words("check_title") }),
      h("p", { class: "govuk-body", text: words("check_intro") }),
      list,
      naming,
      buttons(button(words("submit"), false, submit), button(words("back"), true, function () { back("check"); }))
    ));
  }

  function submit() {
    var named = Boolean(data.name_offer && app.querySelector("#named") && app.querySelector("#named").checked);
    var entry = {
      api: data.api,
      submission_id: state.id,
      survey_id: data.survey_id,
      version: data.version,
      answers: state.answers,
      channel: data.channel,
      language: state.language,
      easy_read: state.easy,
      organisation_id: data.organisation_id,
      pass: data.pass
    };
    if (named) {
      // Sent only when the person chose to give their name.
      entry.name_offer = data.name_offer;
    }
    state.named = named;
    var id = state.id;
    listeners[id] = function (result) {
      delete listeners[id];
      if (state && state.id === id) {
        app.querySelectorAll("[data-voice-signpost]").forEach(function (el) {
          el.hidden = !result[el.getAttribute("data-voice-signpost")];
        });
      }
    };
    state.at = "thanks";
    showThanks();
    enqueue(entry);
  }

  function showThanks() {
    var finishButton = h("a", { class: "govuk-button voice-big-button", href: home, "data-voice-finish": true, text: words("finish") });
    finishButton.addEventListener("click", function (event) {
      event.preventDefault();
      finish();
    });
    screen(words("thanks_title"), h(
      "div", {},
      h("div", { class: "govuk-panel govuk-panel--confirmation" }, h("h1", { class: "govuk-panel__title", text: words("thanks_title") })),
      h("p", { class: "govuk-body", text: words("thanks_body") }),
      state.named ? h("p", { class: "govuk-body", "data-voice-named": true, text: words("thanks_named") }) : null,
      h("div", { class: "govuk-inset-text", "data-voice-signpost": "routed_to_safer_custody", hidden: true, text: words("thanks_safer_custody") }),
      h("div", { class: "govuk-inset-text", "data-voice-signpost": "signpost_complaints", hidden: true, text: words("thanks_complaints") }),
      finishButton
    ));
  }

  function goTo(at) {
    state.at = at;
    if (at === "promise") {
      showPromise();
    } else if (at === "check") {
      showCheck();
    } else {
      showQuestion(lang.questions.filter(function (q) { return q.id === at; })[0]);
    }
  }

  function uuid() {
    if (window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    // Where randomUUID is missing (a kiosk served over plain http), a version 4 UUID by hand.
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  beginForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = beginForm.querySelector("[name=language]:checked") || beginForm.querySelector("[name=language]");
    var code = chosen && data.languages[chosen.value] ? chosen.value : "en";
    var reading = beginForm.querySelector("[name=reading]:checked");
    lang = data.languages[code];
    idleSeconds = words("idle_seconds");
    state = {
      id: uuid(),
      language: code,
      easy: Boolean(reading && reading.value === "easy"),
      answers: {},
      named: false,
      at: "promise"
    };
    document.documentElement.lang = code;
    if (isKiosk) {
      resetIdle();
    }
    showPromise();
  });
})();
