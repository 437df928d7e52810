import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<div>期货交易终端</div>);
