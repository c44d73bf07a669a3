/**
 * The page's CSS, served as `/chat.css` (CSP `style-src 'self'`). Phone first; logical properties
 * only, so right-to-left pages mirror without a second stylesheet. System fonts only: nothing is
 * downloaded, and the Noto families are named for the devices that have them.
 */
export const STYLES = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;background:#f3f4f6}
body{margin:0;min-height:100vh;min-height:100dvh;display:flex;flex-direction:column;color:#161b22;
font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,"Noto Naskh Arabic","Noto Nastaliq Urdu",sans-serif}
:lang(ar),:lang(fa),:lang(ps),:lang(ckb),:lang(prs){font-family:"Noto Naskh Arabic","Noto Sans Arabic","Segoe UI","Geeza Pro",Tahoma,system-ui,sans-serif;line-height:1.8}
:lang(ur){font-family:"Noto Nastaliq Urdu","Jameel Noori Nastaleeq","Urdu Typesetting","Noto Naskh Arabic",Tahoma,system-ui,sans-serif;line-height:2.3}
button,input,select{font:inherit;color:inherit}
a{color:#0b4f6c}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}
[hidden]{display:none!important}
.visually-hidden{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding-block:.5rem;padding-inline:1rem;background:#0b4f6c;color:#fff}
.top h1{flex:1 1 10rem;margin:0;font-size:1.125rem;line-height:1.3}
.lang{display:flex;align-items:center;gap:.5rem}
.lang select{min-block-size:44px;max-inline-size:12rem;padding-inline:.5rem;border:2px solid #fff;border-radius:.5rem;background:#fff;color:#161b22}
.lang button{min-block-size:44px;border-color:#fff}
main{flex:1;display:flex;flex-direction:column;inline-size:100%;max-inline-size:42rem;margin-inline:auto}
.log{flex:1;display:flex;flex-direction:column;gap:.75rem;margin:0;padding:1rem;list-style:none}
.msg{max-inline-size:min(100%,34rem);scroll-margin-block:1rem}
.bot{align-self:flex-start}
.user{align-self:flex-end}
.bubble{padding-block:.625rem;padding-inline:.875rem;border-radius:1rem;background:#fff;border:1px solid #c9ced6;overflow-wrap:anywhere;white-space:pre-wrap}
.bot .bubble{border-start-start-radius:.25rem}
.user .bubble{background:#0b4f6c;border-color:#0b4f6c;color:#fff;border-start-end-radius:.25rem}
.choices,.nav{display:grid;gap:.5rem;margin-block-start:.5rem}
.choices[data-cols="2"]{grid-template-columns:repeat(2,minmax(0,1fr))}
.choices[data-cols="3"]{grid-template-columns:repeat(3,minmax(0,1fr))}
.choices[data-cols="4"]{grid-template-columns:repeat(4,minmax(0,1fr))}
@media (max-width:420px){.choices[data-cols="4"]{grid-template-columns:repeat(2,minmax(0,1fr))}}
.nav{display:flex;flex-wrap:wrap}
button{min-block-size:44px;min-inline-size:44px;padding-block:.5rem;padding-inline:1rem;border:2px solid #0b4f6c;border-radius:.75rem;background:#fff;color:#0b4f6c;font-weight:600;cursor:pointer;overflow-wrap:anywhere}
.nav button{border-color:#5a6470;color:#2f3740;font-weight:500}
button:disabled{cursor:default;opacity:.6}
button.chosen:disabled{opacity:1;background:#0b4f6c;color:#fff}
.alert{margin-block:0 .5rem;margin-inline:1rem;padding:.75rem 1rem;border-radius:.5rem;background:#fdecea;color:#7a1212;border:1px solid #e0a0a0}
.composer{position:sticky;inset-block-end:0;display:flex;gap:.5rem;padding-block:.5rem;padding-inline:1rem;background:#fff;border-block-start:1px solid #c9ced6}
.composer input{flex:1;min-inline-size:0;min-block-size:48px;padding-inline:.75rem;border:2px solid #5a6470;border-radius:.75rem;background:#fff;font-size:max(1rem,16px)}
.composer button{background:#0b4f6c;color:#fff}
.bar{padding-block:.25rem .75rem;padding-inline:1rem;background:#fff}
.bar a{display:inline-flex;align-items:center;min-block-size:44px;padding-inline:.25rem}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
`;
