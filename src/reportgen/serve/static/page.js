// reportgen serve: the build panel's live progress (server-sent events) and
// messages for requests the server refused.  Everything else is htmx.
(function () {
  "use strict";

  function listen(root) {
    var panel = root.matches && root.matches("[data-events]") ? root
      : root.querySelector ? root.querySelector("[data-events]") : null;
    if (!panel || panel.dataset.listening) return;
    panel.dataset.listening = "1";
    var source = new EventSource(panel.dataset.events);
    source.addEventListener("progress", function (event) {
      var d = JSON.parse(event.data);
      var bar = panel.querySelector("progress");
      var status = panel.querySelector("[data-status]");
      if (bar) { bar.max = Math.max(d.total, 1); bar.value = d.done; }
      if (status) {
        status.textContent = "正在生成：已完成 " + d.done + " / " + d.total + (d.last ? "（" + d.last + "）" : "")
          + (d.failed ? "，" + d.failed + " 项失败" : "");
      }
    });
    source.addEventListener("end", function () {
      source.close();
      htmx.ajax("GET", "/build", { target: "#build", swap: "outerHTML" });
    });
  }

  htmx.onLoad(listen);

  document.addEventListener("htmx:responseError", function (event) {
    var notice = document.getElementById("notice");
    var xhr = event.detail.xhr;
    if (!notice) return;
    notice.textContent = xhr.status === 413 ? "文件太大，没有上传：" + xhr.responseText
      : "请求没有成功（" + xhr.status + "）：" + xhr.responseText;
  });
})();
