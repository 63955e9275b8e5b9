import base from '@eventora/eslint-config/base';

export default base;
