/** The local issuer's sign-in form, the counterpart of Cognito's hosted sign-in page. */
export function loginPage(uid: string, problem?: string): string {
  const action = `/auth/interaction/${encodeURIComponent(uid)}/login`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in · Order ingestion</title>
<style>
  body { font: 15px system-ui, sans-serif; display: grid; place-items: center; min-height: 90vh; background: #f4f5f7; }
  form { background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px #0002; display: grid; gap: .75rem; width: 18rem; }
  label { display: grid; gap: .25rem; } input { padding: .45rem; font: inherit; }
  button { padding: .5rem; font: inherit; cursor: pointer; } .problem { color: #b00020; margin: 0; }
</style></head>
<body>
<form method="post" action="${action}">
  <h1>Sign in</h1>
  <p>Order ingestion operators (local issuer)</p>
  ${problem === undefined ? '' : `<p class="problem" role="alert">${problem}</p>`}
  <label>User name <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>
</body>
</html>
`;
}
