// The call library's filters: leave empty fields out of the address, so a shared link says
// only what was chosen (/calls?signal=pounces_on_need, not ten empty parameters).
document.querySelectorAll("form.filters").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("input[name], select[name]").forEach((field) => {
      if (field.value === "" || (field.name === "sort" && field.value === "-date")) {
        field.disabled = true;
      }
    });
  });
});
