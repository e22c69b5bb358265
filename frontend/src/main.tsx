// Mounts the page into the element Django's template renders; the template passes who is logged in,
// the CSRF token and the server's limits as data attributes.

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import AutoTrainModel from "./components/AutoTrainModel";
import "./styles.css";

const root = document.getElementById("autotrain-root");
if (root) {
  const data = root.dataset;
  const maxExamples = Number(data.maxExamples);
  const threshold = Number(data.qualityThreshold);
  createRoot(root).render(
    <StrictMode>
      <AutoTrainModel
        userId={data.userId ?? ""}
        csrfToken={data.csrfToken}
        loginUrl={data.loginUrl}
        maxExamples={Number.isInteger(maxExamples) && maxExamples > 0 ? maxExamples : undefined}
        qualityThreshold={data.qualityThreshold && Number.isFinite(threshold) ? threshold : undefined}
      />
    </StrictMode>,
  );
}
