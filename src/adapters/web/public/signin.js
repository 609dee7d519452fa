// The sign-in page of a one-time link (/signin#TOKEN). The token is in the fragment, which browsers
// never send to the server, so a link scanner that fetches the URL cannot use it up; this page posts
// it, the server answers with a session cookie, and the chat opens signed in.

const status = document.getElementById('signin-status');
const token = decodeURIComponent(location.hash.slice(1));
// Keep the token out of the address bar and the history once read.
history.replaceState(null, '', location.pathname);

async function signIn() {
  if (!token) {
    status.textContent = 'This page needs the sign-in link an admin sent you (it ends with #…). 请打开管理员发给您的登录链接（以 # 开头的部分不能缺少）。';
    return;
  }
  try {
    const res = await fetch('/signin', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: token, credentials: 'same-origin' });
    const body = await res.json().catch(() => ({}));
    if (res.ok && body.ok) {
      location.replace('/');
      return;
    }
    status.textContent = typeof body.text === 'string' ? body.text : `Sign-in failed (${res.status}). 登录失败。`;
  } catch {
    status.textContent = 'The chat server could not be reached; try the link again in a moment. 无法连接聊天服务器，请稍后再打开链接。';
  }
}

void signIn();
